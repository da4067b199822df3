// A GET whose request target is sent byte for byte (fetch would normalise `..`, `%2e` and `\`
// first), read to the end of its response even when the server keeps the connection open.
import { connect } from 'node:net';

/** Whether `raw` holds a whole HTTP/1.1 response. */
function complete(raw: string): boolean {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const head = raw.slice(0, end).toLowerCase();
  const length = /content-length: *(\d+)/.exec(head)?.[1];
  if (length !== undefined) return Buffer.byteLength(raw.slice(end + 4)) >= Number(length);
  return !head.includes('chunked') || raw.endsWith('0\r\n\r\n');
}

export async function rawGet(
  url: string,
  /** Sent byte for byte: a Buffer may hold bytes that are not UTF-8. */
  target: string | Buffer,
  token: string,
  /** More header lines, sent as they are (`Name: value`). */
  headers: string[] = [],
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  const lines = [`Host: ${hostname}:${port}`, `Authorization: Bearer ${token}`, ...headers];
  socket.write(
    Buffer.concat([
      Buffer.from('GET '),
      Buffer.from(target),
      Buffer.from(` HTTP/1.1\r\n${lines.join('\r\n')}\r\nConnection: close\r\n\r\n`),
    ]),
  );
  let response = '';
  for await (const chunk of socket) {
    response += chunk;
    if (complete(response)) break;
  }
  socket.destroy();
  const body = response.slice(response.indexOf('\r\n\r\n') + 4);
  // A chunked body is one chunk here: drop its size line and the final chunk.
  const unchunked = /^[0-9a-f]+\r\n/i.test(body)
    ? body.replace(/^[0-9a-f]+\r\n/i, '').replace(/\r\n0\r\n\r\n$/, '')
    : body;
  return { status: Number(response.slice(9, 12)), body: unchunked };
}
