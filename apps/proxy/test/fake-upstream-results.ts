// The real file results (cache/file-results.ts) in front of a fake upstream (the network
// boundary), for the push tests that run under fake timers: five minutes fresh, an hour stale on
// error, eight upstream calls in flight and no budget of new ids to spend.
import type { FileResult } from '@mdss-kit/contract';
import { NO_DIRECTIVES } from '../src/cache/directives.ts';
import { createFileResults } from '../src/cache/file-results.ts';
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

/** File results over `store` that call `fetchFile` on a miss, on `Date.now` (the fake timers'). */
export function fakeUpstreamResults(store: CacheStore, fetchFile: FetchFile) {
  return createFileResults({
    store,
    fetchFile,
    cacheTtlSeconds: 300,
    staleIfErrorSeconds: 3600,
    ignoreUpstreamDirectives: false,
    gate: createUpstreamGate(createInflightGate(8, 1000), 8, 1000),
    takeBudget: () => undefined,
    now: Date.now,
  });
}
