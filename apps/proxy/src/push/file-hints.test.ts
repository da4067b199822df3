// A notification's hint under fake timers, with the real file results, watches and memory store
// (read through the stale marks) in front of a fake upstream: what it costs, counted in polls.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeUpstreamWatches, resultOutcome } from '../../test/fake-upstream-watches.ts';
import type { FileCall } from '../file-call.ts';
import { createMemoryStore } from '../stores/memory.ts';
import type { UpstreamOutcome } from '../upstream/outcome.ts';
import type { FileEventOut } from './file-event.ts';
import { createStaleMarks, markedStore } from './stale-marks.ts';

const ID = '5e91c094efe27b0006489533';

const result = (processingState: number): UpstreamOutcome =>
  resultOutcome({
    id: ID,
    processingState,
    progress: { upload: 100, scan: processingState ? 100 : 40 },
  });

let state: number;
let calls: number;
beforeEach(() => {
  vi.useFakeTimers();
  calls = 0;
  state = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

const callOf = (token: string, id = ID): FileCall => ({
  key: `${token}-hmac:${id}`,
  ask: { token, tokenKey: `${token}-hmac`, id },
  headers: { authorization: `Bearer ${token}`, accept: 'application/json', requestId: 'r' },
  defer: () => {},
});

/** The fake upstream: answers at once with the file's state as it is when asked. */
const answerNow = async () => result(state);

function hinted(hintGapMs = 1000, upstream: () => Promise<UpstreamOutcome> = answerNow) {
  const marks = createStaleMarks(Date.now);
  const store = markedStore(createMemoryStore({ maxBytes: 1 << 20, now: Date.now }), marks);
  const fetchFile = () => {
    calls++;
    return upstream();
  };
  const { resolve, watches } = fakeUpstreamWatches(store, fetchFile, {
    hintGapMs,
    markStale: marks.mark,
  });
  const hint = (id: string) => {
    marks.mark(id);
    return watches.hint(id);
  };
  const watch = (call: FileCall) => {
    const events: FileEventOut[] = [];
    const seen = { events, ended: false };
    watches.subscribe(call, {
      after: { id: undefined, at: 0 },
      send: (event) => events.push(event),
      end: () => {
        seen.ended = true;
      },
    });
    return seen;
  };
  return { resolve, watches, hint, watch, marks };
}

/** The fake upstream taking 50 ms, its answer the file's state as it was when asked. */
const answerIn50ms = () => {
  const asked = result(state);
  return new Promise<UpstreamOutcome>((resolve) => setTimeout(() => resolve(asked), 50));
};

describe('a hint (MDSS notified that a file was scanned)', () => {
  it("ends every credential's subscribers within one poll each, before the next scheduled poll", async () => {
    const { hint, watch } = hinted();
    const a = [watch(callOf('a')), watch(callOf('a'))];
    const b = watch(callOf('b'));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(2);
    state = 1;
    expect(hint(ID.toUpperCase())).toBe(2);
    // No time passes beyond the hint's own tick: the scheduled polls are a second away.
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(4);
    for (const seen of [...a, b]) {
      expect(seen.ended).toBe(true);
      expect(seen.events.map((e) => e.event)).toEqual(['progress', 'done']);
    }
  });

  it('still ends the stream at once when it comes while a poll is on its way back with the state from before', async () => {
    const { hint, watch } = hinted(1000, answerIn50ms);
    const seen = watch(callOf('a'));
    await vi.advanceTimersByTimeAsync(50);
    expect(seen.events.map((e) => e.event)).toEqual(['progress']);
    // The next scheduled poll asks (a second on); the scan ends and MDSS notifies before its
    // answer is back.
    await vi.advanceTimersByTimeAsync(1010);
    expect(calls).toBe(2);
    state = 1;
    await vi.advanceTimersByTimeAsync(10);
    expect(hint(ID)).toBe(1);
    // Its answer (still scanning) lands after the hint's mark, so it reads fresh.
    await vi.advanceTimersByTimeAsync(40);
    expect(seen.ended).toBe(false);
    // Within one more answer's time, not the next scheduled poll's (a second away): MDSS is asked.
    await vi.advanceTimersByTimeAsync(60);
    expect(calls).toBe(3);
    expect(seen.ended).toBe(true);
    expect(seen.events.map((e) => e.event)).toEqual(['progress', 'done']);
  });

  it("still ends the stream at once when its poll joins a GET's request that left before the scan ended", async () => {
    const { hint, watch, marks, resolve } = hinted(1000, answerIn50ms);
    const seen = watch(callOf('a'));
    await vi.advanceTimersByTimeAsync(100);
    // A GET asks MDSS (its entry stale by an earlier notification) while the file is scanning.
    marks.mark(ID);
    const get = resolve(callOf('a'));
    await vi.advanceTimersByTimeAsync(10);
    expect(calls).toBe(2);
    state = 1;
    // The hinted poll joins the GET's request, whose answer is from before the end.
    expect(hint(ID)).toBe(1);
    await vi.advanceTimersByTimeAsync(40);
    expect((await get).outcome).toMatchObject({ kind: 'miss', collapsed: false });
    expect(seen.ended).toBe(false);
    await vi.advanceTimersByTimeAsync(60);
    expect(calls).toBe(3);
    expect(seen.ended).toBe(true);
    expect(seen.events.map((e) => e.event)).toEqual(['progress', 'done']);
  });

  it('makes the next GET of an in-progress entry ask MDSS, and leaves other files alone', async () => {
    const { resolve, hint } = hinted();
    await resolve(callOf('a'));
    await resolve(callOf('a', 'other'));
    expect(calls).toBe(2);
    expect((await resolve(callOf('a'))).outcome.kind).toBe('hit');
    expect(hint(ID)).toBe(0);
    vi.advanceTimersByTime(1);
    expect((await resolve(callOf('a'))).outcome.kind).toBe('miss');
    expect((await resolve(callOf('a', 'other'))).outcome.kind).toBe('hit');
    // The entry fetched after the mark is fresh.
    expect((await resolve(callOf('a'))).outcome.kind).toBe('hit');
    expect(calls).toBe(3);
  });

  it("marks what the store's synchronous peek (the direct-hit path) answers too", async () => {
    const marks = createStaleMarks(Date.now);
    const memory = createMemoryStore({ maxBytes: 1 << 20, now: Date.now });
    const store = markedStore(memory, marks);
    const entry = (terminal: boolean) => ({
      body: new Uint8Array(2),
      etag: '"e"',
      terminal,
      storedAt: Date.now(),
      freshUntil: Date.now() + 1000,
      keepUntil: Date.now() + 1000,
    });
    store.set(`a-hmac:${ID}`, entry(false));
    store.set(`b-hmac:${ID}`, entry(true));
    marks.mark(ID);
    expect(store.peek?.(`a-hmac:${ID}`)?.freshUntil).toBe(Date.now());
    // A finished result is MDSS's last word: a hint changes nothing of it.
    expect(store.peek?.(`b-hmac:${ID}`)?.freshUntil).toBe(Date.now() + 1000);
    vi.advanceTimersByTime(1000);
    expect(marks.size).toBe(1);
    marks.mark('other');
    expect(marks.size).toBe(1);
  });

  it('costs at most one extra poll per watch per gap, however many come', async () => {
    const { hint, watch } = hinted(1000);
    watch(callOf('a'));
    await vi.advanceTimersByTimeAsync(0);
    let polled = 0;
    // 1,000 notifications over 10 s, one each 10 ms.
    for (let i = 0; i < 1000; i++) {
      polled += hint(ID);
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(polled).toBe(10);
    // 10 polls of its own schedule at most, and 10 hinted ones, plus the first.
    expect(calls).toBeLessThanOrEqual(21);
  });

  it('reaches no watch once its subscribers have left, and none of another id', async () => {
    const { hint, watch, watches } = hinted();
    watch(callOf('a', 'other'));
    await vi.advanceTimersByTimeAsync(0);
    expect(hint(ID)).toBe(0);
    expect(watches.size).toBe(1);
  });
});
