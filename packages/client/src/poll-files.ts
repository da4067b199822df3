// The 'poll' transport for many files against the mdss-kit proxy: `GET /api/files/summary` for
// the files not ended yet, held by the proxy (`Prefer: wait` with the last answer's ETag in
// If-None-Match) until any of them changes, so a wait costs about one request per change, not
// one per file per interval. A server that does not hold (no `Preference-Applied`) is asked
// again after the usual backoff. A failed request (network, timeout, 429, 5xx) is another try
// from the retry budget, after its Retry-After; a file's own problem ends that file when a GET of
// it would have failed for good, else (a 429 or 5xx for that file) counts as that file's failed
// poll, `retries` in a row allowed, as polling one file allows.
import { type Backoff, backoffDelay } from './backoff.ts';
import { filesRequests, type SummaryAnswer } from './files-requests.ts';
import type { FilesSettings, WatchFilesOptions } from './files-settings.ts';
import { problemError } from './follow-stream.ts';
import { checkedEntry, type ListedFiles } from './listed-files.ts';
import { MdssError } from './mdss-error.ts';
import { retrying } from './retrying.ts';

// Within the proxy's 60 s, and short enough that an idle connection survives most intermediaries.
const WAIT_S = 30;

/** What polling has counted so far. */
interface Tally {
  /** Each file's problem answers in a row that another poll may cure. */
  failures: Map<string, number>;
  started: number;
}

/** One file's problem: its end, or a failed poll of it (not registered yet, or one that may pass). */
function onProblem(id: string, error: MdssError, context: Context): boolean {
  const { files, tally, options, settings } = context;
  const registering =
    error.code === 'not_found' &&
    settings.clock.now() - tally.started < (options.notFoundGraceMs ?? 0);
  const failures = (tally.failures.get(id) ?? 0) + 1;
  tally.failures.set(id, failures);
  if (registering || (error.retryable && failures <= settings.retries)) return false;
  return files.problem(id, error);
}

interface Context {
  files: ListedFiles;
  tally: Tally;
  options: WatchFilesOptions;
  settings: FilesSettings;
}

/** Applies one answer's entries (for `asked`, in order); true when any was news. */
function apply(body: unknown, asked: readonly string[], context: Context): boolean {
  const entries = (body as { files?: unknown } | undefined)?.files;
  if (!Array.isArray(entries) || entries.length !== asked.length) {
    throw new MdssError('invalid_response', 'The summary does not list the files asked for.', {
      body,
    });
  }
  let news = false;
  entries.forEach((value, i) => {
    const entry = checkedEntry(value);
    if (entry.id !== asked[i]) {
      throw new MdssError('invalid_response', `The summary lists ${entry.id} for ${asked[i]}.`);
    }
    if ('problem' in entry) {
      news = onProblem(entry.id, problemError(entry.problem), context) || news;
    } else {
      context.tally.failures.delete(entry.id);
      news = context.files.summary(entry.id, entry.summary) || news;
    }
  });
  return news;
}

/** Polls the summary of the open files until every file has ended. */
export async function pollFiles(
  files: ListedFiles,
  options: WatchFilesOptions,
  settings: FilesSettings,
  signal: AbortSignal,
): Promise<void> {
  const { getSummary } = filesRequests(settings);
  const backoff: Backoff = {
    minDelayMs: options.minDelayMs ?? 1000,
    maxDelayMs: options.maxDelayMs ?? 10_000,
  };
  const context: Context = {
    files,
    options,
    settings,
    tally: { failures: new Map(), started: settings.clock.now() },
  };
  let held: { ids: string; etag: string | undefined } | undefined;
  /** 0 after news or a held answer: ask again at once; else (undefined) back off. */
  let pace: number | undefined;
  let idle = 0;
  await retrying(
    async () => {
      pace = undefined;
      const asked = files.open();
      // A tag is for the list it came with: a shorter list is asked for at once.
      const etag = held?.ids === asked.join() ? held.etag : undefined;
      const answer: SummaryAnswer = await getSummary(asked, etag, WAIT_S, signal);
      const news = answer.changed && apply(answer.body, asked, context);
      if (answer.changed) held = { ids: asked.join(), etag: answer.etag };
      if (news || answer.waited) {
        pace = 0;
        idle = 0;
      }
      return files.over();
    },
    {
      retries: settings.retries,
      retryable: (error) => error.retryable,
      delayMs: () => pace ?? backoffDelay(idle++, backoff, settings.random),
      done: (over): over is true => over,
    },
    settings.clock,
    signal,
  );
}
