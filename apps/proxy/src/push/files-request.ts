// The front door of the multi-file endpoints (`GET /api/files/events`, `GET /api/files/summary`):
// the credential as the single-file front door reads it, then the `id` list (1 to FILES_MAX ids,
// each once, each a valid file id), and one FileCall per listed file.
import { FILES_MAX, fileIdProblem } from '@mdss-kit/contract';
import type { Context } from 'hono';
import type { KeyDeriver } from '../cache/key.ts';
import type { Defer, FileCall } from '../file-call.ts';
import type { AppEnv } from '../http/app-env.ts';
import { bearerToken } from '../http/credentials.ts';
import { fileCall, twoCredentials, unauthorized } from '../http/file-request.ts';
import { ProblemError } from '../http/problem.ts';

const invalidList = (detail: string) => new ProblemError('invalid-id-list', 400, detail);

/** The listed ids, in the order given, or the problem with the request: token first, then ids. */
export function filesRequest(
  url: string,
  authorization: string | undefined,
): { ids: string[]; token: string } | ProblemError {
  if (authorization?.includes(',')) return twoCredentials;
  const token = bearerToken(authorization);
  if (token === undefined) return unauthorized;
  const ids = new URL(url).searchParams.getAll('id');
  if (ids.length === 0 || ids.length > FILES_MAX) {
    return invalidList(`List 1 to ${FILES_MAX} files, one id= each (got ${ids.length}).`);
  }
  if (new Set(ids).size !== ids.length) return invalidList('An id is listed more than once.');
  for (const id of ids) {
    const problem = fileIdProblem(id);
    if (problem) {
      return new ProblemError(
        'invalid-id',
        400,
        `Not a file id: ${JSON.stringify(id.slice(0, 64))}: ${problem}.`,
      );
    }
  }
  return { ids, token };
}

export interface FilesCallParts {
  deriveKey: KeyDeriver;
  deferFor(c: Context): Defer;
}

/** One call per listed file, as the single-file front door makes it (the JSON result is read). */
export async function filesCalls(
  c: Context<AppEnv>,
  route: string,
  parts: FilesCallParts,
): Promise<FileCall[]> {
  c.set('route', route);
  const request = filesRequest(c.req.url, c.req.header('authorization'));
  if (request instanceof ProblemError) throw request;
  const context = {
    deriveKey: parts.deriveKey,
    accept: 'application/json',
    requestId: c.get('requestId'),
    trace: c.get('trace'),
    defer: parts.deferFor(c),
  };
  const { token } = request;
  return Promise.all(request.ids.map((id) => fileCall({ view: 'summary', id, token }, context)));
}
