// File watches over the real file results (cache/file-results.ts) in front of a fake upstream
// (the network boundary), for the push tests that run under fake timers: five minutes fresh, an
// hour stale on error, eight upstream calls in flight, no budget of new ids to spend, a second's
// upstream deadline, and a minute's patience unless the test says otherwise.
import type { FileResult } from '@mdss-kit/contract';
import { NO_DIRECTIVES } from '../src/cache/directives.ts';
import { createFileResults } from '../src/cache/file-results.ts';
import { createFileWatches, type WatchOptions } from '../src/push/file-watches.ts';
import type { CacheStore } from '../src/stores/store.ts';
import { createInflightGate, createUpstreamGate } from '../src/upstream/limits.ts';
import type { UpstreamOutcome } from '../src/upstream/outcome.ts';
import type { FetchFile } from '../src/upstream/request.ts';

/** The upstream's answer of `result`, as the fetch reads it: its bytes, and no cache directives. */
export function resultOutcome(result: FileResult): UpstreamOutcome {
  return {
    kind: 'result',
    bytes: new TextEncoder().encode(JSON.stringify(result)),
    result,
    directives: NO_DIRECTIVES,
  };
}

/** Watches, and the file results they resolve by: over `store`, calling `fetchFile` on a miss. */
export function fakeUpstreamWatches(
  store: CacheStore,
  fetchFile: FetchFile,
  options: Partial<Omit<WatchOptions, 'resolve'>> = {},
) {
  const resolve = createFileResults({
    store,
    fetchFile,
    cacheTtlSeconds: 300,
    staleIfErrorSeconds: 3600,
    ignoreUpstreamDirectives: false,
    gate: createUpstreamGate(createInflightGate(8, 1000), 8, 1000),
    takeBudget: () => undefined,
    now: Date.now,
  });
  const watches = createFileWatches({
    resolve,
    now: Date.now,
    upstreamTimeoutMs: 1000,
    patienceMs: 60_000,
    shared: true,
    ...options,
  });
  return { resolve, watches };
}
