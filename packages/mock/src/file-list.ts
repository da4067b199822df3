// What `GET /api/files/events` and `GET /api/files/summary` share in the mock, as the proxy
// answers them: the listed ids (1 to 100, each once, each a valid file id) and one file's state
// as a `FileEntry`, from one poll of its scenario (the same polls GET /api/file/{id} counts).
import { FILES_MAX, type FileEntry, fileIdProblem, type ProxyComponents } from '@mdss-kit/contract';
import { newEvent, refusal, unauthorized } from './events.ts';
import { authorized, type FilePolls, type MockAuth } from './file-polls.ts';

type Problem = ProxyComponents['schemas']['Problem'];

const invalid = (kind: string, title: string, detail: string): Problem => ({
  type: `urn:mdss-kit:problem:${kind}`,
  title,
  status: 400,
  detail,
});

/** The problem of an `id` list, or undefined when the proxy would take it. */
function listProblem(ids: readonly string[]): Problem | undefined {
  if (ids.length === 0 || ids.length > FILES_MAX || new Set(ids).size !== ids.length) {
    const detail = `List 1 to ${FILES_MAX} ids, each once (got ${ids.length}).`;
    return invalid('invalid-id-list', 'Invalid list of file ids', detail);
  }
  for (const id of ids) {
    const why = fileIdProblem(id);
    if (why) return invalid('invalid-id', 'Invalid file id', `${JSON.stringify(id)}: ${why}`);
  }
  return undefined;
}

/** The listed ids of a request, or the refusal the proxy answers it with (401, 400). */
export function listedIds(request: Request, auth: MockAuth): string[] | Response {
  if (!authorized(auth, request.headers.get('authorization'))) return refusal(unauthorized);
  const ids = new URL(request.url).searchParams.getAll('id');
  const refused = listProblem(ids);
  return refused ? refusal(refused) : ids;
}

/**
 * One listed file's next state, its summary or its problem; undefined when the upstream gave no
 * answer this time (a network error, an answer that never comes): a stream waits that out.
 */
export function nextEntry(request: Request, id: string, polls: FilePolls): FileEntry | undefined {
  const found = polls.find(request, id);
  const reply = 'kind' in found ? found : polls.next(found, id);
  if (reply.kind === 'network-error' || reply.kind === 'never') return undefined;
  const event = newEvent(reply, id);
  return event.event === 'problem' ? { id, problem: event.data } : { id, summary: event.data };
}
