// The proxy on a node:http server, with its connection deadlines: Node's server, and Deno's
// node:http (the one server Deno 2.9 has that closes slow and idle connections; see README).
import { createServer, type ServerOptions } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Config } from '../config.ts';
import type { Runtime } from './boot.ts';
import { withDirectHits } from './node-direct-hits.ts';

type Deadlines = Pick<Config, 'headersTimeoutMs' | 'idleTimeoutMs'>;

export function nodeServerTimeouts(config: Deadlines): ServerOptions {
  return {
    headersTimeout: config.headersTimeoutMs,
    // Every route is a GET without a body, so the whole request is its head. Only requests are
    // timed: a response that streams for minutes (a long-poll) is not one.
    requestTimeout: config.headersTimeoutMs,
    keepAliveTimeout: config.idleTimeoutMs,
    // Node looks at both deadlines only this often (30 s by default), which would let a slow head
    // live up to twice its deadline.
    connectionsCheckingInterval: Math.min(1000, Math.ceil(config.headersTimeoutMs / 4)),
  };
}

/**
 * node:http times a head from its first byte: a connection that never sends one would stay
 * open for ever. It gets the head's deadline from the moment it connects.
 */
function closeIfSilent(socket: Socket, { headersTimeoutMs }: Deadlines): void {
  const timer = setTimeout(() => {
    if (socket.bytesRead === 0) socket.destroy();
  }, headersTimeoutMs);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

export const serveOnNodeHttp =
  ({
    overrideGlobalObjects = true,
  }: {
    /**
     * @hono/node-server's own Request and Response as the globals (faster on Node). Not on Deno:
     * its Cache API refuses to store any Response but its own.
     */
    overrideGlobalObjects?: boolean;
  } = {}): Runtime['serve'] =>
  async ({ app, directHit, config }) => {
    const listener = getRequestListener(app.fetch, { overrideGlobalObjects });
    const server = createServer(
      nodeServerTimeouts(config),
      directHit ? withDirectHits(listener, directHit) : listener,
    );
    server.on('connection', (socket: Socket) => closeIfSilent(socket, config));
    await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
    const { address, port } = server.address() as AddressInfo;
    return { url: `http://${address}:${port}`, close: () => void server.close() };
  };
