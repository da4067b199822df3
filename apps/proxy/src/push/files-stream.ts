// GET /api/files/events: many files on one stream, each fed by the one watch of its (credential,
// file) as its own stream would be (file-watches.ts), each event naming its file (`FileEntry`),
// each file ending on its own, the stream ending when every file has. The event id names what
// the client has of every file (decision 008), so one Last-Event-ID resumes them all.
import {
  type FileToken,
  FileTokens,
  filesEventId,
  holdsSummary,
  isOverToken,
  readFilesEventId,
  tokenAfter,
} from '@mdss-kit/contract';
import type { Context } from 'hono';
import type { FileCall } from '../file-call.ts';
import type { AppEnv } from '../http/app-env.ts';
import { ProblemError } from '../http/problem.ts';
import { eventStream, type Render, type StreamSubscriber } from './event-stream.ts';
import { type EventsRouteParts, STREAM_HEADERS, streamTiming } from './events-route.ts';
import type { FileWatches } from './file-watches.ts';

/** One listed file on the stream: its call, and what the client had of it when it connected. */
interface Listed {
  call: FileCall;
  held: FileToken;
  slot: string;
}

/**
 * Every open file's watch, feeding `subscriber` (each event under its file's slot); the stream
 * ends once every one has ended. A progress event the client already holds (its Last-Event-ID's
 * digest) is not sent again.
 */
function subscribeAll(watches: FileWatches, open: Listed[], subscriber: StreamSubscriber) {
  let left = open.length;
  const unsubscribes = open.map(({ call, held, slot }) =>
    watches.subscribe(call, {
      after: { id: undefined, at: 0 },
      send(event) {
        if (event.event === 'progress' && holdsSummary(held, event.id)) return;
        subscriber.send(event, slot);
      },
      end() {
        left--;
        if (left === 0) subscriber.end();
      },
    }),
  );
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}

/** Each event as a `FilesEvent`: its file's entry, and the tokens of every file once it is sent. */
function renderFor(calls: FileCall[], tokens: FileToken[]): Render {
  return (event, slot) => {
    const index = Number(slot);
    tokens[index] = tokenAfter(event.event, event.id);
    const id = JSON.stringify(calls[index]?.ask.id);
    const field = event.event === 'problem' ? 'problem' : 'summary';
    // `data` is JSON text already: the entry is written around it, not parsed again.
    const data = `{"id":${id},"${field}":${event.data}}`;
    return { event: event.event, id: filesEventId(tokens), at: event.at, data };
  };
}

export function filesEventsResponse(
  c: Context<AppEnv>,
  calls: FileCall[],
  parts: EventsRouteParts,
): Response {
  const tokens =
    readFilesEventId(c.req.header('last-event-id'), calls.length) ??
    calls.map(() => FileTokens.nothing);
  const open = calls.flatMap((call, index) => {
    const held = tokens[index] ?? FileTokens.nothing;
    return isOverToken(held) ? [] : [{ call, held, slot: String(index) }];
  });
  // Every file's end is the client's already: nothing is left to say, nothing is asked.
  if (open.length === 0) return c.body(null, 204, { 'cache-control': 'no-store' });
  let evict = () => {};
  const tokenKey = calls[0]?.ask.tokenKey ?? '';
  const release = parts.limits.open(tokenKey, () => evict(), open.length);
  if (release instanceof ProblemError) throw release;
  if (c.req.method === 'HEAD') {
    release();
    return c.body(null, 200, STREAM_HEADERS);
  }
  const stream = eventStream(
    streamTiming(parts),
    release,
    (subscriber) => subscribeAll(parts.watches, open, subscriber),
    renderFor(calls, tokens),
  );
  evict = stream.evict;
  c.req.raw.signal?.addEventListener('abort', stream.close);
  return c.body(stream.body, 200, STREAM_HEADERS);
}
