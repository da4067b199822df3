import { describe, expect, it } from 'vitest';
import { createBudgets, createInflightGate, createUpstreamGate } from './limits.ts';

describe('budgets of new ids', () => {
  it('gives a credential its burst, then its rate, and names the policy in the RateLimit fields', () => {
    const c = { time: 0 };
    const take = createBudgets({ burst: 3, perSecond: 2 }, () => c.time);
    expect([take('k'), take('k'), take('k')]).toEqual([undefined, undefined, undefined]);
    expect(take('k')).toEqual({
      retryAfterSeconds: 1,
      policy: '"new-ids";q=3;w=2',
      state: '"new-ids";r=0;t=1',
    });
    c.time = 500;
    expect([take('k'), take('k')].map((spent) => spent === undefined)).toEqual([true, false]);
    c.time = 60_000;
    // A quiet spell refills no more than the burst.
    const after = Array.from({ length: 4 }, () => take('k') === undefined);
    expect(after).toEqual([true, true, true, false]);
  });

  it("keeps each credential's budget apart", () => {
    const take = createBudgets({ burst: 1, perSecond: 1 }, () => 0);
    expect([take('a'), take('b')]).toEqual([undefined, undefined]);
    expect([take('a'), take('b')].every((spent) => spent?.retryAfterSeconds === 1)).toBe(true);
  });
});

describe('in-flight gates', () => {
  it('hands a freed slot to the first in line, and refuses one that waited past its queue', async () => {
    const gate = createInflightGate(1, 60_000);
    // A free slot is granted at once, not in a later turn.
    const first = gate.acquire();
    expect(first).toBeTypeOf('function');
    const order: string[] = [];
    const second = Promise.resolve(gate.acquire()).then((release) => {
      order.push('second');
      return release;
    });
    const third = Promise.resolve(gate.acquire()).then((release) => {
      order.push('third');
      return release;
    });
    (first as () => void)();
    (await second)?.();
    (await third)?.();
    expect(order).toEqual(['second', 'third']);
    expect(gate.inflight).toBe(0);

    const none = createInflightGate(1, 0);
    const held = await none.acquire();
    expect(await none.acquire()).toBeUndefined();
    held?.();
    expect(none.inflight).toBe(0);
  });

  it("holds one credential to its own cap within everyone's, and frees both", async () => {
    const all = createInflightGate(3, 0);
    const gate = createUpstreamGate(all, 2, 0);
    const mine = [await gate('a'), await gate('a')];
    expect(await gate('a')).toBeUndefined();
    const theirs = await gate('b');
    expect(theirs).toBeDefined();
    expect(await gate('c')).toBeUndefined();
    for (const release of [...mine, theirs]) release?.();
    expect(all.inflight).toBe(0);
  });
});
