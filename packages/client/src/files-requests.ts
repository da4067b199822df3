// The two many-file requests of the mdss-kit proxy, through the client's openapi-fetch client
// (token, bounded body, trace context): the stream `GET /api/files/events` and the long-poll
// `GET /api/files/summary` (If-None-Match, `Prefer: wait`, RFC 7240 §4.3). A server without
// either route answers `no_stream`.
import { noRoute, openStream, streamInit } from './event-route.ts';
import type { FilesSettings } from './files-settings.ts';
import { type Answer, attempt } from './request-file.ts';

/** One answer of the summary: the entries and their tag, or 304 (none changed), and whether it waited. */
export type SummaryAnswer =
  | { changed: true; body: unknown; etag: string | undefined; waited: boolean }
  | { changed: false; waited: boolean };

export function filesRequests({ proxy, attempt: settings }: FilesSettings) {
  return {
    openEvents: (
      ids: string[],
      lastEventId: string | undefined,
      headMs: number | undefined,
      signal: AbortSignal,
    ) =>
      openStream(
        (s): Promise<Answer> =>
          proxy.GET('/api/files/events', streamInit({ query: { id: ids } }, lastEventId, s)),
        headMs,
        settings,
        signal,
      ),

    /** The summary, held up to `waitS` seconds while it still has the tag `held`. */
    getSummary: (ids: string[], held: string | undefined, waitS: number, signal: AbortSignal) =>
      attempt(
        (s): Promise<Answer> =>
          proxy.GET('/api/files/summary', {
            params: {
              query: { id: ids },
              // Held only when there is something to hold against: the first answer comes at once.
              header: held === undefined ? {} : { 'If-None-Match': held, Prefer: `wait=${waitS}` },
            },
            signal: s,
          }),
        ({ response, data }): SummaryAnswer => {
          const waited = response.headers.has('preference-applied');
          if (response.status === 304) return { changed: false, waited };
          const etag = response.headers.get('etag') ?? undefined;
          return { changed: true, body: data, etag, waited };
        },
        // The head may be held the whole wait, then comes as any answer would.
        { ...settings, timeoutMs: (held === undefined ? 0 : waitS * 1000) + settings.timeoutMs },
        signal,
      ).catch((error: unknown) => {
        throw noRoute(error);
      }),
  };
}
