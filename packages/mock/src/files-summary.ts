// `GET /api/files/summary` in the mock, as the proxy serves it: each listed file's summary or
// problem, in the order of the ids, with an entity tag over the whole body. `Prefer: wait=<s>`
// holds the answer until any file's entry differs from what the caller holds (its
// `If-None-Match`, else the first answer computed) or the seconds pass; every file done answers
// at once. Each computation polls every file once, as the proxy's watches would.
import type { FileEntry, FilesSummary, ProxyComponents } from '@mdss-kit/contract';
import { validatorOf } from '@mdss-kit/contract/events';
import { type HttpHandler, HttpResponse, http } from 'msw';
import { type EventsOptions, pause } from './events.ts';
import { listedIds, nextEntry } from './file-list.ts';
import type { FilePolls, MockAuth } from './file-polls.ts';

type Problem = ProxyComponents['schemas']['Problem'];

const unreachable: Problem = {
  type: 'urn:mdss-kit:problem:upstream-unreachable',
  title: 'The upstream could not be reached',
  status: 502,
  detail: 'The upstream gave no answer.',
};

const encoder = new TextEncoder();

/** The answer as it stands: its JSON text, entity tag, and whether every file is done. */
function current(request: Request, ids: readonly string[], polls: FilePolls) {
  const files: FileEntry[] = ids.map(
    (id) => nextEntry(request, id, polls) ?? { id, problem: unreachable },
  );
  const text = JSON.stringify({ files } satisfies FilesSummary);
  const settled = files.every((entry) => 'problem' in entry || entry.summary.done);
  return { text, etag: `"${validatorOf(encoder.encode(text))}"`, settled };
}

/** The seconds of `Prefer: wait=<s>` (RFC 7240), at most 60; undefined without one. */
function waitSeconds(prefer: string | null): number | undefined {
  const seconds = /(?:^|[,;\s])wait=(\d+)/i.exec(prefer ?? '')?.[1];
  return seconds === undefined ? undefined : Math.min(60, Number(seconds));
}

export function filesSummaryHandler(
  baseUrl: string,
  auth: MockAuth,
  polls: FilePolls,
  { intervalMs = 10 }: EventsOptions,
): HttpHandler {
  return http.get(`${baseUrl}/api/files/summary`, async ({ request }) => {
    const ids = listedIds(request, auth);
    if (ids instanceof Response) return ids;
    const wait = waitSeconds(request.headers.get('prefer'));
    let answer = current(request, ids, polls);
    const held = request.headers.get('if-none-match') ?? (wait ? answer.etag : undefined);
    const until = Date.now() + (wait ?? 0) * 1000;
    let waited = false;
    while (wait && answer.etag === held && !answer.settled && Date.now() < until) {
      await pause(intervalMs, request.signal);
      waited = true;
      if (request.signal.aborted) return HttpResponse.error();
      answer = current(request, ids, polls);
    }
    const headers: Record<string, string> = {
      'cache-control': 'private, no-cache',
      etag: answer.etag,
      ...(waited ? { 'preference-applied': `wait=${wait}` } : {}),
    };
    if (answer.etag === request.headers.get('if-none-match')) {
      return new HttpResponse(null, { status: 304, headers });
    }
    return new HttpResponse(answer.text, {
      headers: { ...headers, 'content-type': 'application/json' },
    });
  });
}
