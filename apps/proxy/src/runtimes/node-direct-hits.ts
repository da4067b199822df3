// Node only: fresh hits (see ../direct-hits.ts) written straight to node:http, without WHATWG
// Request and Response objects, which on Node cost more than the hit itself.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DirectHit } from '../http/direct-hits.ts';

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

export function withDirectHits(next: Listener, directHit: DirectHit): Listener {
  return (req, res) => {
    const hit = directHit({
      method: req.method ?? '',
      target: req.url ?? '',
      header: (name) =>
        name === AUTHORIZATION ? authorizationOf(req) : (req.headers[name] as string | undefined),
    });
    if (!hit) return next(req, res);
    res.writeHead(hit.status, hit.headers);
    res.end(hit.body ?? undefined);
  };
}
