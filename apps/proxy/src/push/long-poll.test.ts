import { describe, expect, it } from 'vitest';
import { MAX_WAIT_SECONDS, preferredWait } from './long-poll.ts';

describe('preferredWait (RFC 7240 §4.3)', () => {
  it.each([
    [undefined, 0],
    ['', 0],
    ['wait=10', 10],
    ['respond-async, wait=5', 5],
    ['return=minimal; wait="7"', 7],
    ['WAIT = 3', 3],
    ['wait=3600', MAX_WAIT_SECONDS],
    ['wait=soon', 0],
    ['nowait=5', 0],
  ])('%j → %i s', (prefer, seconds) => {
    expect(preferredWait(prefer)).toBe(seconds);
  });
});
