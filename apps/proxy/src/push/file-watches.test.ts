// The watch's timing under fake timers, with the real file results and store in front of a fake
// upstream (the network boundary): how often it polls, and when it gives up.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeUpstreamWatches, resultOutcome } from '../../test/fake-upstream-watches.ts';
import { createMemoryStore } from '../stores/memory.ts';
import type { UpstreamOutcome } from '../upstream/outcome.ts';
import type { FileEventOut } from './file-event.ts';
import { pollInterval } from './file-watches.ts';

const inProgress = (scan: number): UpstreamOutcome =>
  resultOutcome({ id: 'w', processingState: 0, progress: { upload: 100, scan } });

let answer: () => UpstreamOutcome;
let calls: number;
beforeEach(() => {
  vi.useFakeTimers();
  calls = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

function watching(patienceMs = 60_000) {
  const fetchFile = async () => {
    calls++;
    return answer();
  };
  const store = createMemoryStore({ maxBytes: 1 << 20, now: Date.now });
  const { watches } = fakeUpstreamWatches(store, fetchFile, { patienceMs });
  const events: FileEventOut[] = [];
  let ended = false;
  const call = {
    key: 'k',
    ask: { token: 't', tokenKey: 'tk', id: 'w' },
    headers: { authorization: 'Bearer t', accept: 'application/json', requestId: 'r' },
    defer: () => {},
  };
  const unsubscribe = watches.subscribe(call, {
    after: { id: undefined, at: 0 },
    send: (event) => events.push(event),
    end: () => (ended = true),
  });
  return { watches, events, unsubscribe, ended: () => ended };
}

describe('a file watch', () => {
  it('polls each second for 30 s, then every 2 s, then every 5 s after 2 minutes', async () => {
    expect([0, 29_999, 30_000, 119_999, 120_000].map(pollInterval)).toEqual([
      1000, 1000, 2000, 2000, 5000,
    ]);
    let scan = 0;
    answer = () => inProgress(scan++ % 100);
    const { events, unsubscribe } = watching();
    await vi.advanceTimersByTimeAsync(30_000);
    const early = calls;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(calls - early).toBe(15);
    await vi.advanceTimersByTimeAsync(60_000 + 50_000);
    expect(events.length).toBe(calls);
    unsubscribe();
  });

  it('asks MDSS at each poll even when its timer fires a millisecond early, as Node timers do by the clock', async () => {
    // Node fires a 1 s timer when Date.now() has moved 999 ms about one time in seven.
    const fire = globalThis.setTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((run: () => void, ms?: number) =>
      fire(run, ms !== undefined && ms >= 1000 ? ms - 1 : ms)) as typeof setTimeout);
    answer = () => inProgress(10);
    const { unsubscribe } = watching();
    await vi.advanceTimersByTimeAsync(9_500);
    // One poll at once, then one each second: none of them served by the entry the one before stored.
    expect(calls).toBe(10);
    unsubscribe();
  });

  it("waits out the upstream's Retry-After, and ends with a problem once its patience is spent", async () => {
    answer = () => ({ kind: 'client-error', status: 429, json: {}, retryAfter: '10' });
    const { events, ended } = watching(25_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(9_000);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(ended()).toBe(true);
    expect(events.map((e) => e.event)).toEqual(['problem']);
    expect(JSON.parse(events[0]?.data ?? '{}')).toMatchObject({ status: 429 });
  });

  it('polls no more once its last subscriber leaves', async () => {
    answer = () => inProgress(10);
    const { unsubscribe, watches } = watching();
    await vi.advanceTimersByTimeAsync(3_000);
    unsubscribe();
    const left = calls;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(left);
    expect(watches.size).toBe(0);
  });
});
