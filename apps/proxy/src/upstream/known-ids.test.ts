import { describe, expect, it } from 'vitest';
import { createKnownIds, KNOWN_FOR_MS } from './known-ids.ts';

function clock() {
  const c = { time: 0, now: () => c.time };
  return c;
}

describe('known ids', () => {
  it('knows a key from its result for KNOWN_FOR_MS, each result renewing it', () => {
    const c = clock();
    const known = createKnownIds(c.now);
    expect(known.has('hmac:a')).toBe(false);
    known.learn('hmac:a');
    c.time = KNOWN_FOR_MS - 1;
    expect(known.has('hmac:a')).toBe(true);
    known.learn('hmac:a');
    c.time = KNOWN_FOR_MS + 1;
    expect(known.has('hmac:a')).toBe(true);
    c.time = 2 * KNOWN_FOR_MS - 1;
    expect(known.has('hmac:a')).toBe(false);
  });

  it('forgets a key on a refusal or a failure, and no other', () => {
    const known = createKnownIds(clock().now);
    known.learn('hmac:a');
    known.learn('hmac:b');
    known.forget('hmac:a');
    expect([known.has('hmac:a'), known.has('hmac:b')]).toEqual([false, true]);
  });

  it('holds at most `max` keys: past it the least recently asked is forgotten', () => {
    const known = createKnownIds(clock().now, 2);
    known.learn('hmac:a');
    known.learn('hmac:b');
    expect(known.has('hmac:a')).toBe(true);
    known.learn('hmac:c');
    expect(['hmac:a', 'hmac:b', 'hmac:c'].map((key) => known.has(key))).toEqual([
      true,
      false,
      true,
    ]);
  });
});
