import { describe, expect, it } from 'vitest';
import { BreakerOpenError, createBreaker } from './breaker.ts';

const fail = () => Promise.reject(new Error('timeout'));
const answer = () => Promise.resolve('answer');

function breakerAt() {
  const clock = { now: 0 };
  let calls = 0;
  const breaker = createBreaker({
    threshold: 3,
    coolDownMs: 1000,
    maxCoolDownMs: 4000,
    now: () => clock.now,
  });
  /** Calls through the breaker; says whether the backend was asked and what came of it. */
  const attempt = async (work: () => Promise<string>) => {
    const before = calls;
    const outcome = await breaker
      .call(() => {
        calls++;
        return work();
      })
      .then(
        () => 'answered',
        (error: unknown) => (error instanceof BreakerOpenError ? 'refused' : 'failed'),
      );
    return { asked: calls > before, outcome };
  };
  return { breaker, clock, attempt };
}

describe('the store circuit breaker', () => {
  it('opens after 3 consecutive failures and then refuses at once, without asking', async () => {
    const { breaker, attempt } = breakerAt();
    for (let i = 0; i < 3; i++)
      expect(await attempt(fail)).toEqual({ asked: true, outcome: 'failed' });
    expect(breaker.open).toBe(true);
    expect(await attempt(answer)).toEqual({ asked: false, outcome: 'refused' });
  });

  it('counts only consecutive failures: a success in between starts again', async () => {
    const { breaker, attempt } = breakerAt();
    await attempt(fail);
    await attempt(fail);
    await attempt(answer);
    await attempt(fail);
    await attempt(fail);
    expect(breaker.open).toBe(false);
  });

  it('lets one probe through after the cool-down, and closes when it succeeds', async () => {
    const { breaker, clock, attempt } = breakerAt();
    for (let i = 0; i < 3; i++) await attempt(fail);
    clock.now = 999;
    expect(await attempt(answer)).toEqual({ asked: false, outcome: 'refused' });
    clock.now = 1000;
    expect(await attempt(answer)).toEqual({ asked: true, outcome: 'answered' });
    expect(breaker.open).toBe(false);
    expect(await attempt(answer)).toEqual({ asked: true, outcome: 'answered' });
  });

  it('refuses everything else while its probe is under way', async () => {
    const { breaker, clock, attempt } = breakerAt();
    for (let i = 0; i < 3; i++) await attempt(fail);
    clock.now = 1000;
    let release = () => {};
    const probe = breaker.call(() => new Promise<void>((resolve) => (release = resolve)));
    expect(await attempt(answer)).toEqual({ asked: false, outcome: 'refused' });
    release();
    await probe;
    expect(breaker.open).toBe(false);
  });

  it('doubles the cool-down after each failed probe, up to its cap, and resets it on success', async () => {
    const { clock, attempt } = breakerAt();
    for (let i = 0; i < 3; i++) await attempt(fail);
    const probeTimes: number[] = [];
    for (let t = 0; t <= 12_000; t += 100) {
      clock.now = t;
      if ((await attempt(fail)).asked) probeTimes.push(t);
    }
    // Cool-downs of 1, 2, 4, then 4 s (the cap).
    expect(probeTimes).toEqual([1000, 3000, 7000, 11_000]);
    clock.now = 15_000;
    expect((await attempt(answer)).outcome).toBe('answered');
    for (let i = 0; i < 3; i++) await attempt(fail);
    clock.now = 16_000;
    expect((await attempt(answer)).asked).toBe(true);
  });

  it('is not held open longer by calls that were under way when it opened', async () => {
    const { clock, attempt, breaker } = breakerAt();
    let timeOut = () => {};
    const late = breaker
      .call(() => new Promise((_, reject) => (timeOut = () => reject(new Error('timeout')))))
      .catch(() => {});
    for (let i = 0; i < 3; i++) await attempt(fail);
    clock.now = 900;
    timeOut();
    await late;
    clock.now = 1000;
    expect((await attempt(answer)).asked).toBe(true);
  });
});
