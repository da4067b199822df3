// Clients that hold a connection open without finishing with it, for the server's connection
// timeouts: a slowloris (a request head sent a byte at a time, so the connection is never idle)
// and an idle keep-alive connection after one whole exchange.
import { connect, type Socket } from 'node:net';

export interface HeldConnection {
  /** Milliseconds from connecting until the server closed the connection, or undefined. */
  closedAfterMs: number | undefined;
  /** Whatever the server wrote, as text. */
  received: string;
}

/** Connects and resolves once the socket is open. */
async function open(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return socket;
}

/**
 * Resolves when the server ends or resets the connection, or after `giveUpMs` with
 * `closedAfterMs` undefined; the socket is destroyed either way.
 */
function watch(socket: Socket, startedAt: number, giveUpMs: number, onClose: () => void) {
  return new Promise<HeldConnection>((resolve) => {
    let received = '';
    const done = (closedAfterMs: number | undefined) => {
      clearTimeout(giveUp);
      onClose();
      socket.destroy();
      resolve({ closedAfterMs, received });
    };
    const giveUp = setTimeout(() => done(undefined), giveUpMs);
    socket.on('data', (chunk) => {
      received += chunk;
    });
    // A reset counts as closed as much as a FIN does.
    socket.once('error', () => done(performance.now() - startedAt));
    socket.once('end', () => done(performance.now() - startedAt));
    socket.once('close', () => done(performance.now() - startedAt));
  });
}

/**
 * A request head that never ends: the request line at once, then one byte of a header every
 * `byteEveryMs`, so the server keeps receiving and never sees the connection idle.
 */
export async function slowloris(
  url: string,
  { byteEveryMs = 250, giveUpMs }: { byteEveryMs?: number; giveUpMs: number },
): Promise<HeldConnection> {
  const socket = await open(url);
  const startedAt = performance.now();
  socket.write(`GET /healthz HTTP/1.1\r\nHost: ${new URL(url).host}\r\n`);
  const header = 'X-Slow: ';
  let sent = 0;
  const trickle = setInterval(() => {
    // After the name, the value grows forever: the head is never complete.
    socket.write(sent < header.length ? (header[sent] as string) : 'a');
    sent += 1;
  }, byteEveryMs);
  return watch(socket, startedAt, giveUpMs, () => clearInterval(trickle));
}

/** Whether `response` holds a whole response: its Content-Length, or its last chunk. */
function whole(response: string): boolean {
  const end = response.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const length = /content-length: *(\d+)/i.exec(response.slice(0, end))?.[1];
  if (length !== undefined) return response.length - end - 4 >= Number(length);
  return (
    /transfer-encoding: *chunked/i.test(response.slice(0, end)) && response.endsWith('0\r\n\r\n')
  );
}

/**
 * One whole keep-alive exchange (`GET /healthz`, or `path` with `headers`), then nothing:
 * `closedAfterMs` counts from the end of the response, when the connection became idle.
 */
export async function idleAfterOneRequest(
  url: string,
  {
    giveUpMs,
    path = '/healthz',
    headers = [],
  }: { giveUpMs: number; path?: string; headers?: string[] },
): Promise<HeldConnection & { status: number }> {
  const socket = await open(url);
  const lines = [`Host: ${new URL(url).host}`, ...headers];
  socket.write(`GET ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
  let response = '';
  let status = 0;
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      response += chunk;
      if (whole(response)) {
        socket.off('data', onData);
        status = Number(response.slice(9, 12));
        resolve();
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.once('close', () => reject(new Error(`closed before a whole response: ${response}`)));
  });
  socket.removeAllListeners('close');
  socket.removeAllListeners('error');
  const held = await watch(socket, performance.now(), giveUpMs, () => {});
  return { ...held, status };
}

/** A connection that never sends a byte. */
export async function silent(url: string, { giveUpMs }: { giveUpMs: number }) {
  const socket = await open(url);
  return watch(socket, performance.now(), giveUpMs, () => {});
}
