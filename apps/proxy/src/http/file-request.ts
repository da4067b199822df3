// The one front door of the file endpoints: what a request asks for, read from its method,
// request target and Authorization header alone, by the router's path and the direct-hit path
// alike. Anything that is not a well-formed request for one file comes back as its problem; a
// request that is one becomes the one `FileCall` every concern after the front door takes.
import { fileIdProblem } from '@mdss-kit/contract';
import { cacheKey, type KeyDeriver } from '../cache/key.ts';
import type { Defer, FileCall } from '../file-call.ts';
import type { TraceSpan } from '../observe/trace-span.ts';
import { bearerToken } from './credentials.ts';
import { methodNotAllowed, ProblemError } from './problem.ts';

export type View = 'raw' | 'summary' | 'events';

/** The routes as the access log names them. */
export const routes = {
  raw: '/api/file/:id',
  summary: '/api/file/:id/summary',
  events: '/api/file/:id/events',
} as const satisfies Record<View, string>;

export interface FileRequest {
  view: View;
  /** Percent-decoded, and one safe path segment (`fileIdProblem`). */
  id: string;
  token: string;
}

const PREFIX = '/api/file/';
const VIEWS: Record<string, View> = { '/summary': 'summary', '/events': 'events' };

const invalidPath = new ProblemError(
  'invalid-path',
  400,
  'File paths are /api/file/<id>, /api/file/<id>/summary and /api/file/<id>/events, with the id one path segment.',
);
// A b64token has no comma (RFC 6750 §2.1): one here is two Authorization headers joined
// (RFC 9110 §5.3), and two credentials are never served, whichever would be read first.
export const twoCredentials = new ProblemError(
  'unauthorized',
  401,
  'Send one credential: the request has more than one Authorization header.',
);
export const unauthorized = new ProblemError(
  'unauthorized',
  401,
  'Send the MDSS token as `Authorization: Bearer <token>`.',
);

/** The request target (path and query, as sent) of an absolute URL, without a URL object. */
export function targetOf(url: string): string {
  return url.slice(url.indexOf('/', url.indexOf('//') + 2));
}

// A `.` or `..` segment, plain or percent-encoded, or a `\` (a `/` to the URL parser).
const dotSegment = /\/(\.|%2e)|\\/i;

/**
 * `path` with its dot segments resolved as the WHATWG URL parser resolves them, whichever
 * runtime's server passed it on: Node and Bun resolve them before the handler, Deno does not,
 * and Node's direct-hit path sees the target as sent. One rule, so one file on every runtime.
 */
function withoutDotSegments(path: string): string {
  return dotSegment.test(path) ? new URL(path, 'http://h').pathname : path;
}

/**
 * `target` is the path and query as sent (the query is ignored). Checked in this order, each
 * failure its own problem: a file path (400), the method (405), the token (401), the id (400).
 */
export function fileRequest(
  method: string,
  target: string,
  authorization: string | undefined | null,
): FileRequest | ProblemError {
  const query = target.indexOf('?');
  const path = withoutDotSegments(query < 0 ? target : target.slice(0, query));
  if (!path.startsWith(PREFIX)) return invalidPath;
  const rest = path.slice(PREFIX.length);
  const slash = rest.indexOf('/');
  const view = slash < 0 ? 'raw' : VIEWS[rest.slice(slash)];
  const segment = slash < 0 ? rest : rest.slice(0, slash);
  if (segment === '' || view === undefined) return invalidPath;
  if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed;
  if (authorization?.includes(',')) return twoCredentials;
  const token = bearerToken(authorization);
  if (token === undefined) return unauthorized;
  let id: string;
  try {
    id = decodeURIComponent(segment);
  } catch {
    return new ProblemError('invalid-id', 400, 'Not a file id: it is not valid percent-encoding.');
  }
  const idProblem = fileIdProblem(id);
  if (idProblem) return new ProblemError('invalid-id', 400, `Not a file id: ${idProblem}.`);
  return { view, id, token };
}

/** What a file call takes from its request besides the front door's reading of it. */
export interface CallContext {
  deriveKey: KeyDeriver;
  /** The caller's Accept, passed to the upstream. */
  accept: string;
  requestId: string;
  trace: TraceSpan | undefined;
  defer: Defer;
}

function callOf(file: FileRequest, tokenKey: string, context: CallContext): FileCall {
  const { accept, requestId, trace, defer } = context;
  return {
    key: cacheKey(tokenKey, file.id),
    ask: { token: file.token, tokenKey, id: file.id },
    headers: { authorization: `Bearer ${file.token}`, accept, requestId, trace },
    defer,
  };
}

/**
 * The call `file` makes, built once: its credential's key, its cache key (the one place a
 * request's is computed; the direct-hit path peeks with its own), and what reaches the upstream.
 * At once when the key derives at once (a token seen lately, or node:crypto): a miss saves a turn.
 */
export function fileCall(file: FileRequest, context: CallContext): FileCall | Promise<FileCall> {
  const tokenKey = context.deriveKey(file.token);
  return typeof tokenKey === 'string'
    ? callOf(file, tokenKey, context)
    : tokenKey.then((key) => callOf(file, key, context));
}
