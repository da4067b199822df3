// An upstream that loses the keep-alive race every time: it answers the first request of each
// connection with `Connection: keep-alive`, then destroys the connection as soon as the next
// request's bytes arrive on it, before a byte of an answer. That is what a client meets when it
// reuses an idle pooled socket at the very moment the server closes it (Node's http server closes
// an idle keep-alive socket after 5 s), made deterministic.
import { once } from 'node:events';
import { type AddressInfo, createServer, type Socket } from 'node:net';

export interface ClosingUpstream {
  url: string;
  /** Connections opened to it. */
  readonly connections: number;
  /** Requests answered, and requests whose connection was destroyed instead. */
  readonly answered: number;
  readonly dropped: number;
  close(): Promise<void>;
}

/** A FileResult for the id in `target` (`/api/file/<id>`), finished. */
function resultBody(target: string): string {
  const id = decodeURIComponent(target.replace(/^\/api\/file\//, ''));
  return JSON.stringify({ id, processingState: 2, scanResult: { scanAllResultI: 0 } });
}

export async function startClosingUpstream(): Promise<ClosingUpstream> {
  let connections = 0;
  let answered = 0;
  let dropped = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let head = '';
    let served = false;
    socket.on('data', (chunk) => {
      if (served) {
        // The next request on a connection the client thinks is still good.
        dropped++;
        socket.destroy();
        return;
      }
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      served = true;
      answered++;
      const target = head.split(' ')[1] ?? '/';
      const body = resultBody(target);
      socket.write(
        `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\nKeep-Alive: timeout=60\r\n\r\n${body}`,
      );
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get connections() {
      return connections;
    },
    get answered() {
      return answered;
    },
    get dropped() {
      return dropped;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
