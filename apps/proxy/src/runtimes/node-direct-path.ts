// Node only: plain file requests (see ../http/direct-path.ts) answered straight on node:http,
// without WHATWG Request and Response objects, which on Node cost more than a hit itself and a
// good part of a miss.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DirectPath } from '../http/direct-path.ts';
import type { FileAnswer } from '../http/file-answer.ts';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

const AUTHORIZATION = 'authorization';

/**
 * Every Authorization header, joined as fetch's Headers join them. node:http keeps only the first
 * in `req.headers`, which would let this path serve a request the app refuses.
 */
function authorizationOf(req: IncomingMessage): string | undefined {
  const raw = req.rawHeaders;
  let joined: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length === AUTHORIZATION.length && name.toLowerCase() === AUTHORIZATION) {
      const value = raw[i + 1] as string;
      joined = joined === undefined ? value : `${joined}, ${value}`;
    }
  }
  return joined;
}

function write(res: ServerResponse, answer: FileAnswer): ServerResponse {
  const { body, headers } = answer;
  // A declared length spares the chunked encoding (and its extra write).
  if (typeof body === 'string') headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(answer.status, headers);
  return res.end(body ?? undefined);
}

export function withDirectPath(next: Listener, directPath: DirectPath): Listener {
  return (req, res) => {
    const sent = directPath(
      {
        method: req.method ?? '',
        target: req.url ?? '',
        header: (name: string) =>
          name === AUTHORIZATION ? authorizationOf(req) : (req.headers[name] as string | undefined),
      },
      (answer) => write(res, answer),
    );
    if (!sent) next(req, res);
  };
}
