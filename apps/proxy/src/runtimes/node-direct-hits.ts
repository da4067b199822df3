// Node only: fresh hits (see ../direct-hits.ts) written straight to node:http, without WHATWG
// Request and Response objects, which on Node cost more than the hit itself.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DirectHit } from '../direct-hits.ts';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

export function withDirectHits(next: Listener, directHit: DirectHit): Listener {
  return (req, res) => {
    const hit = directHit({
      method: req.method ?? '',
      target: req.url ?? '',
      header: (name) => req.headers[name] as string | undefined,
    });
    if (!hit) return next(req, res);
    res.writeHead(hit.status, hit.headers);
    res.end(hit.body ?? undefined);
  };
}
