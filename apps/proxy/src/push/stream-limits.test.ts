import { describe, expect, it } from 'vitest';
import { ProblemError } from '../http/problem.ts';
import { createStreamLimits } from './stream-limits.ts';

// Held requests (streams, long-polls) per credential and in all, the total shared fairly.

/** Opens a place for `credential`, recording its eviction; the release, or the problem's kind. */
function opener(limits: ReturnType<typeof createStreamLimits>, evicted: string[]) {
  let n = 0;
  return (credential: string) => {
    const name = `${credential}#${++n}`;
    let release: (() => void) | undefined;
    const opened = limits.open(credential, () => {
      evicted.push(name);
      release?.();
    });
    if (opened instanceof ProblemError) return opened.kind;
    release = opened;
    return opened;
  };
}

describe('the limits on held requests', () => {
  it('refuses a credential past its own limit with 429 too-many-streams, whatever the total', () => {
    const limits = createStreamLimits(2, 100);
    const open = opener(limits, []);
    open('a');
    open('a');
    expect(open('a')).toBe('too-many-streams');
    expect(typeof open('b')).toBe('function');
  });

  it('when full, gives a credential below its fair share the oldest place of the credential holding most', () => {
    const evicted: string[] = [];
    const limits = createStreamLimits(10, 6);
    const open = opener(limits, evicted);
    for (let i = 0; i < 5; i++) open('a');
    open('b');
    expect(limits.count).toBe(6);
    // Two credentials, 3 places each in fairness: `c` holds none, `a` the most (5).
    expect(typeof open('c')).toBe('function');
    expect(evicted).toEqual(['a#1']);
    expect(typeof open('c')).toBe('function');
    expect(evicted).toEqual(['a#1', 'a#2']);
    // Three credentials, 2 each: `c` holds its share now; `b` (1) is below it.
    expect(open('c')).toBe('streams-full');
    expect(typeof open('b')).toBe('function');
    expect(evicted).toEqual(['a#1', 'a#2', 'a#3']);
    expect(limits.count).toBe(6);
    // Everyone at the share (2 each): more is refused.
    expect(open('a')).toBe('streams-full');
  });

  it('gives a released place back, once', () => {
    const limits = createStreamLimits(1, 1);
    const open = opener(limits, []);
    const release = open('a');
    expect(open('b')).toBe('streams-full');
    if (typeof release !== 'function') throw new Error(`refused: ${release}`);
    release();
    release();
    expect(limits.count).toBe(0);
    expect(typeof open('b')).toBe('function');
  });
});
