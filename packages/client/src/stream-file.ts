// The 'stream' transport: a file's events from the mdss-kit proxy (`GET /api/file/{id}/events`)
// over fetch, so the token travels in Authorization as on every request (browsers' EventSource
// cannot send one); the connections, reconnections and refusals are follow-stream.ts's. Loaded
// on the first stream (with its parser), so a page that only polls never downloads it.
import type { FileSummary, ProxyComponents } from '@mdss-kit/contract';
import type { StreamOptions, StreamSettings } from './event-route.ts';
import { followStream, problemError } from './follow-stream.ts';
import type { MdssError } from './mdss-error.ts';
import { checkedResult } from './request-file.ts';

type Problem = ProxyComponents['schemas']['Problem'];

export interface FileStreamOptions extends StreamOptions {
  onSummary(summary: FileSummary): void;
}

/** How a wait on the stream ends: its final summary (undefined after a 204), or a problem. */
type End = { end: FileSummary | undefined } | { problem: MdssError };

/** Follows the file's events to the final one: its summary, or undefined after a 204. */
export async function streamFile(
  id: string,
  options: FileStreamOptions,
  settings: StreamSettings,
  signal: AbortSignal,
): Promise<FileSummary | undefined> {
  const outcome = await followStream<End>(
    {
      open: (lastEventId, headMs, s) => settings.openEvents(id, lastEventId, headMs, s),
      onEvent: (event, data) => {
        if (event === 'problem') return { problem: problemError(data as Problem) };
        const summary = checkedResult<FileSummary>(data, id);
        options.onSummary(summary);
        return event === 'done' ? { end: summary } : undefined;
      },
      over: () => ({ end: undefined }),
    },
    options,
    settings,
    signal,
  );
  if ('problem' in outcome) throw outcome.problem;
  return outcome.end;
}
