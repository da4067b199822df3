// What the mock server makes of a raw Node request before MSW's handlers see it: the fetch
// `Request` they answer, or the server's own answer to what they cannot be asked (a target that is
// not a URL, a method fetch refuses to carry, such as TRACE, or one the mock does not serve).
import type { IncomingMessage } from 'node:http';

/** Every resource of the mock is read-only: RFC 9110 §10.2.1's `Allow` of each 405. */
export const ALLOWED_METHODS = 'GET, HEAD, OPTIONS';

/** An answer the server gives itself, without a handler. */
export interface OwnAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const json = { 'content-type': 'application/json' };

export const methodNotAllowed = (): OwnAnswer => ({
  status: 405,
  headers: { ...json, allow: ALLOWED_METHODS },
  body: JSON.stringify({ err: 'Method not allowed' }),
});

const badRequest = (why: string): OwnAnswer => ({
  status: 400,
  headers: json,
  body: JSON.stringify({ responseKey: 'BAD_REQUEST', responseMessage: why }),
});

/**
 * The URL a request target names on `origin` (RFC 9112 §3.2): origin-form (`/path?query`),
 * taken as a path even when it starts `//`, or absolute-form, which a server must accept
 * (§3.2.2), of which only the path and query count. Undefined for anything else.
 */
function targetUrl(target: string, origin: string): URL | undefined {
  try {
    if (target.startsWith('/')) return new URL(`${origin}${target}`);
    if (/^https?:\/\//i.test(target)) {
      const { pathname, search } = new URL(target);
      return new URL(`${origin}${pathname}${search}`);
    }
  } catch {
    // Not a URL: a 400 below.
  }
  return undefined;
}

export interface HandledRequest {
  request: Request;
  /** A HEAD, asked of the handlers as a GET: answer its headers only. */
  headOnly: boolean;
}

/**
 * The request the handlers answer, or the server's own answer. `signal` aborts when the client
 * has gone, so that a response that never ends then ends.
 */
export function readRequest(
  req: IncomingMessage,
  origin: string,
  signal: AbortSignal,
): HandledRequest | OwnAnswer {
  const target = req.url ?? '';
  const method = req.method ?? '';
  // RFC 9110 §9.3.7: `OPTIONS *` asks about the server itself.
  if (target === '*' && method === 'OPTIONS')
    return { status: 204, headers: { allow: ALLOWED_METHODS }, body: '' };
  const url = targetUrl(target, origin);
  if (!url) return badRequest('The request target is not a path or an http(s) URL');
  if (method === 'OPTIONS') return { status: 204, headers: { allow: ALLOWED_METHODS }, body: '' };
  if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed();
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value !== 'string') continue;
    try {
      headers.set(name, value);
    } catch {
      return badRequest(`The header ${name} is not one fetch can carry`);
    }
  }
  return {
    request: new Request(url, { method: 'GET', headers, signal }),
    headOnly: method === 'HEAD',
  };
}
