// The proxy on a node:http server, with its connection deadlines: Node's server, and Deno's
// node:http (the one server Deno 2.9 has that closes slow and idle connections; see README).
import { createServer, type IncomingMessage, type Server, type ServerOptions } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Config } from '../config.ts';
import type { Runtime } from './boot.ts';
import { withDirectPath } from './node-direct-path.ts';

type Deadlines = Pick<Config, 'headersTimeoutMs' | 'idleTimeoutMs'>;

function nodeServerTimeouts(config: Deadlines): ServerOptions {
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
 * node:http times a head from its first byte: a connection could wait before sending one, or
 * never send one. Its first head must be whole within the deadline from the moment it connects;
 * a later head's wait is the keep-alive one (IDLE_TIMEOUT_MS).
 */
function bindFirstHeadToConnect(server: Server, { headersTimeoutMs }: Deadlines): void {
  const requested = new WeakSet<Socket>();
  // Before the app's listener: a socket is marked before any answer of it can begin.
  server.prependListener('request', (request: IncomingMessage) => requested.add(request.socket));
  server.on('connection', (socket: Socket) => {
    const timer = setTimeout(() => {
      if (!requested.has(socket)) socket.destroy();
    }, headersTimeoutMs);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  });
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
  async ({ app, directPath, config }) => {
    const listener = getRequestListener(app.fetch, { overrideGlobalObjects });
    const server = createServer(
      nodeServerTimeouts(config),
      directPath ? withDirectPath(listener, directPath) : listener,
    );
    bindFirstHeadToConnect(server, config);
    await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
    const { address, port } = server.address() as AddressInfo;
    return { url: `http://${address}:${port}`, close: () => void server.close() };
  };
