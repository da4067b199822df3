// A real HTTP mock MDSS on 127.0.0.1, answering with the very same MSW handlers and scenarios
// (through msw's getResponse), for local runs and as the proxy's upstream in demo mode.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse } from 'msw';
import { demoFiles } from './demo.ts';
import { createMdssHandlers, type MdssHandlersOptions } from './handlers.ts';

export { demoIds } from './demo.ts';

export interface MockServerOptions extends Omit<MdssHandlersOptions, 'baseUrl'> {
  /** Default 4010; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface MockServer {
  url: string;
  port: number;
  /** Starts every scenario over. */
  reset(): void;
  close(): Promise<void>;
}

function toRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  // The request is abandoned when its connection closes: a response that never ends then ends.
  const abandoned = new AbortController();
  req.socket.once('close', () => abandoned.abort());
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method ?? 'GET',
    headers,
    signal: abandoned.signal,
  });
}

async function answer(response: Response | undefined, res: ServerResponse) {
  if (!response) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ err: 'Not Found' }));
    return;
  }
  // HttpResponse.error(): the connection fails, as a network error would.
  if (response.type === 'error') {
    res.destroy();
    return;
  }
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) {
    res.end();
    return;
  }
  // Passed on as it comes: an event stream is written event by event, and never ends by itself.
  const reader = response.body.getReader();
  res.once('close', () => void reader.cancel().catch(() => {}));
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      res.write(chunk.value);
    }
    res.end();
  } catch {
    // The body failed midway (a cut stream): so does the connection.
    res.destroy();
  }
}

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { port = 4010, host = '127.0.0.1', files = demoFiles(), ...rest } = options;
  const handlers = createMdssHandlers({ ...rest, files });
  let origin = '';
  const server = createServer((req, res) => {
    getResponse(handlers, toRequest(req, origin)).then(
      (response) => answer(response, res),
      () => res.destroy(),
    );
  });
  server.listen(port, host);
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  origin = `http://${host}:${address.port}`;
  return {
    url: origin,
    port: address.port,
    reset: handlers.reset,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
