// `GET /api/files/events` in the mock, as the proxy serves it: many files on one stream, each
// event a `FileEntry` naming its file, each file ending on its own (`done` or `problem`), the
// stream ending when all have. Each step polls every file still open (through the same polls as
// GET /api/file/{id}), and an event goes out when it tells the client something its tokens do
// not name. Event ids are the contract's `FilesEventId`: one token per file, so a
// `Last-Event-ID` resumes every file, and one naming every file's end is answered 204.
import {
  type FileEntry,
  type FileToken,
  FileTokens,
  filesEventId,
  holdsSummary,
  isOverToken,
  readFilesEventId,
  tokenAfter,
} from '@mdss-kit/contract';
import { formatEvent, problemEventId, summaryEventId } from '@mdss-kit/contract/events';
import { type HttpHandler, HttpResponse, http } from 'msw';
import { type EventsOptions, pause } from './events.ts';
import { listedIds, nextEntry } from './file-list.ts';
import type { FilePolls, MockAuth } from './file-polls.ts';

const encoder = new TextEncoder();

type EventName = 'progress' | 'done' | 'problem';
type Sent = { id: string; event: EventName; data: FileEntry };

/** A stream's files, and what its client has of each (mutated as events go out). */
interface Listed {
  request: Request;
  ids: readonly string[];
  tokens: FileToken[];
}

/** The event an entry makes, and its single-file event id (what the file's token digests). */
function eventOf(entry: FileEntry): { event: EventName; fileEventId: string } {
  if ('problem' in entry) {
    return { event: 'problem', fileEventId: problemEventId(entry.problem.status) };
  }
  const event = entry.summary.done ? 'done' : 'progress';
  return { event, fileEventId: summaryEventId(JSON.stringify(entry.summary)) };
}

/** One step: every open file polled once; the events that tell the client something new. */
function step({ request, ids, tokens }: Listed, polls: FilePolls): Sent[] {
  const sent: Sent[] = [];
  ids.forEach((id, i) => {
    const held = tokens[i] as FileToken;
    const entry = isOverToken(held) ? undefined : nextEntry(request, id, polls);
    if (!entry) return;
    const { event, fileEventId } = eventOf(entry);
    if (event === 'progress' && holdsSummary(held, fileEventId)) return;
    tokens[i] = tokenAfter(event, fileEventId);
    sent.push({ id: filesEventId(tokens), event, data: entry });
  });
  return sent;
}

/** The stream: a step at once, then one per interval while the client listens and files are open. */
function body(listed: Listed, polls: FilePolls, intervalMs: number, retryMs: number) {
  const { signal } = listed.request;
  const queue: Sent[] = [];
  const over = () => listed.tokens.every(isOverToken);
  let retry: number | undefined = retryMs;
  let stepped = false;
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      while (queue.length === 0) {
        if (stepped) await pause(intervalMs, signal);
        if (cancelled) return;
        if (signal.aborted || over()) return controller.close();
        queue.push(...step(listed, polls));
        stepped = true;
      }
      const { id, event, data } = queue.shift() as Sent;
      controller.enqueue(
        encoder.encode(formatEvent({ retry, id, event, data: JSON.stringify(data) })),
      );
      retry = undefined;
      if (queue.length === 0 && over()) controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
}

export function filesEventsHandler(
  baseUrl: string,
  auth: MockAuth,
  polls: FilePolls,
  { intervalMs = 10, retryMs = 10 }: EventsOptions,
): HttpHandler {
  return http.get(`${baseUrl}/api/files/events`, ({ request }) => {
    const ids = listedIds(request, auth);
    if (ids instanceof Response) return ids;
    const lastEventId = request.headers.get('last-event-id');
    const tokens = readFilesEventId(lastEventId, ids.length) ?? ids.map(() => FileTokens.nothing);
    if (tokens.every(isOverToken)) {
      return new HttpResponse(null, { status: 204, headers: { 'cache-control': 'no-store' } });
    }
    return new HttpResponse(body({ request, ids, tokens }, polls, intervalMs, retryMs), {
      headers: {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
      },
    });
  });
}

/** MDSS itself, which has no many-file endpoints: a 404, so that a client's 'auto' polls instead. */
export const noFilesHandler = (baseUrl: string): HttpHandler =>
  http.get(`${baseUrl}/api/files/:endpoint`, () =>
    HttpResponse.json({ err: 'Not Found' }, { status: 404 }),
  );
