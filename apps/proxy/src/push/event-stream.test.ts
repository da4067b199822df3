import { describe, expect, it } from 'vitest';
import { eventStream } from './event-stream.ts';
import type { FileEventOut } from './file-event.ts';
import type { Subscriber } from './file-watches.ts';

// The body of one stream, read (or not) as a client would: what a reader that stops reading
// costs, and that it never loses the final event.

const event = (n: number, kind: FileEventOut['event'] = 'progress'): FileEventOut => ({
  event: kind,
  id: `e-${n}`,
  at: n,
  data: JSON.stringify({ n, padding: 'x'.repeat(10_000) }),
});

/** A stream whose subscription the test drives, and whether its place was given back. */
function driven(stallMs = 60_000) {
  let subscriber: Omit<Subscriber, 'after'> | undefined;
  let released = false;
  const stream = eventStream(
    { lifetimeMs: 60_000, heartbeatMs: 30_000, stallMs },
    () => {
      released = true;
    },
    (s) => {
      subscriber = s;
      return () => {};
    },
  );
  const reader = stream.body.getReader();
  const decoder = new TextDecoder();
  /** A read not answered yet, kept for the next drain (its chunk must not be lost). */
  let pending: ReturnType<typeof reader.read> | undefined;
  /** Everything readable now, as text, and whether the body ended. */
  async function drain(): Promise<{ text: string; ended: boolean }> {
    let text = '';
    for (;;) {
      pending ??= reader.read();
      const next = await Promise.race([
        pending,
        new Promise<undefined>((resolve) => setTimeout(resolve, 20)),
      ]);
      if (!next) return { text, ended: false };
      pending = undefined;
      if (next.done) return { text, ended: true };
      text += decoder.decode(next.value);
    }
  }
  return {
    subscriber: () => subscriber as Omit<Subscriber, 'after'>,
    drain,
    released: () => released,
    reader,
  };
}

const idsIn = (text: string) => [...text.matchAll(/^id: (.+)$/gm)].map((m) => m[1] ?? '');

describe('an event stream whose reader stops reading', () => {
  it('holds only the latest event it has not taken, not every one it missed', async () => {
    const s = driven();
    for (let n = 1; n <= 50; n++) s.subscriber().send(event(n));
    const { text } = await s.drain();
    expect(text.startsWith('retry: 1000\n')).toBe(true);
    expect(idsIn(text)).toEqual(['e-50']);
  });

  it('never loses the final event, and ends after it', async () => {
    const s = driven();
    for (let n = 1; n <= 5; n++) s.subscriber().send(event(n));
    s.subscriber().send(event(6, 'done'));
    s.subscriber().end();
    expect(s.released()).toBe(true);
    const { text, ended } = await s.drain();
    expect(idsIn(text)).toEqual(['e-6']);
    expect(text).toContain('event: done');
    expect(ended).toBe(true);
  });

  it('sends each event to a reader that keeps up', async () => {
    const s = driven();
    const seen: string[] = [];
    for (let n = 1; n <= 5; n++) {
      s.subscriber().send(event(n));
      seen.push(...idsIn((await s.drain()).text));
    }
    expect(seen).toEqual(['e-1', 'e-2', 'e-3', 'e-4', 'e-5']);
  });

  it('is cut once its reader has accepted nothing for stallMs, and gives its place back', async () => {
    const s = driven(50);
    s.subscriber().send(event(1));
    s.subscriber().send(event(2));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(s.released()).toBe(true);
    await expect(s.reader.read()).rejects.toThrow('the client accepts nothing');
  });

  it('ends at its next heartbeat once evicted, from within its own timers', async () => {
    let subscriber: Omit<Subscriber, 'after'> | undefined;
    const stream = eventStream(
      { lifetimeMs: 60_000, heartbeatMs: 50, stallMs: 60_000 },
      () => {},
      (s) => {
        subscriber = s;
        return () => {};
      },
    );
    const reader = stream.body.getReader();
    subscriber?.send(event(1));
    stream.evict();
    let text = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      text += new TextDecoder().decode(chunk.value);
    expect(idsIn(text)).toEqual(['e-1']);
  });
});
