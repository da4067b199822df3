// A real HTTP mock MDSS on 127.0.0.1, answering with the very same MSW handlers and scenarios
// (through msw's getResponse), for local runs and as the proxy's upstream in demo mode.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { getResponse } from 'msw';
import { demoFiles } from './demo.ts';
import { createMdssHandlers, type MdssHandlers, type MdssHandlersOptions } from './handlers.ts';
import { type NotifyOptions, notifier } from './notify.ts';
import { methodNotAllowed, type OwnAnswer, readRequest } from './server-request.ts';

export { demoIds } from './demo.ts';
export { fileScannedNotification, type NotifyOptions } from './notify.ts';

export interface MockServerOptions extends Omit<MdssHandlersOptions, 'baseUrl'> {
  /**
   * Send MDSS's File Scanned notification when a file's scan ends (MDSS 4.2+): to this URL,
   * with these headers, as POST or PUT; best effort, never retried, as MDSS does.
   */
  notify?: NotifyOptions;
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

/** Writes a response from the handlers, or the server's own; HEAD gets the headers only. */
async function answer(response: Response | undefined, res: ServerResponse, headOnly: boolean) {
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
  if (!response.body || headOnly) {
    await response.body?.cancel();
    res.end();
    return;
  }
  // Passed on as it comes: an event stream is written event by event, and never ends by itself.
  const reader = response.body.getReader();
  res.once('close', () => void reader.cancel().catch(() => {}));
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      if (res.destroyed) return;
      res.write(chunk.value);
    }
    res.end();
  } catch {
    // The body failed midway (a cut stream): so does the connection.
    res.destroy();
  }
}

function answerOwn({ status, headers, body }: OwnAnswer, res: ServerResponse) {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/** Every request gets an answer and none can stop the server: what fails is a 500, or a cut. */
async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  origin: string,
  handlers: MdssHandlers,
) {
  // The request is abandoned when its response closes (answered, or the client gone): a response
  // that never ends then ends. One listener per response, not per request on a kept-alive socket.
  const abandoned = new AbortController();
  res.once('close', () => abandoned.abort());
  try {
    const read = readRequest(req, origin, abandoned.signal);
    if (!('request' in read)) return answerOwn(read, res);
    await answer(await getResponse(handlers, read.request), res, read.headOnly);
  } catch {
    if (res.headersSent) res.destroy();
    else answerOwn({ status: 500, headers: {}, body: '' }, res);
  }
}

/** CONNECT never reaches the request handler (Node hands it the socket): a 405, then close. */
function refuseConnect(socket: Duplex) {
  const { status, headers, body } = methodNotAllowed();
  const head = Object.entries({ ...headers, 'content-length': Buffer.byteLength(body) })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.on('error', () => {});
  socket.end(`HTTP/1.1 ${status} Method Not Allowed\r\n${head}connection: close\r\n\r\n${body}`);
}

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { port = 4010, host = '127.0.0.1', files = demoFiles(), notify, ...rest } = options;
  const onFileEnd = notify ? notifier(notify) : rest.onFileEnd;
  const handlers = createMdssHandlers({ ...rest, files, ...(onFileEnd ? { onFileEnd } : {}) });
  let origin = '';
  const server = createServer((req, res) => void serve(req, res, origin, handlers));
  server.on('connect', (_req, socket) => refuseConnect(socket));
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
