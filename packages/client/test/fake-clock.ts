// A clock the test moves: timers fire only when `run` advances to them, and every delay asked
// for is recorded, so polling and backoff are asserted exactly, without real waits.
import { setImmediate } from 'node:timers/promises';
import type { Clock } from '../src/clock.ts';

interface Timer {
  at: number;
  callback: () => void;
}

export class FakeClock implements Clock {
  time = 0;
  readonly delays: number[] = [];
  readonly #timers = new Set<Timer>();

  now = () => this.time;

  setTimeout = (callback: () => void, ms: number) => {
    const timer = { at: this.time + ms, callback };
    this.delays.push(ms);
    this.#timers.add(timer);
    return timer;
  };

  clearTimeout = (handle: unknown) => {
    this.#timers.delete(handle as Timer);
  };

  /**
   * Settles `work`: lets real I/O (the intercepted fetches) finish, then jumps to the next timer,
   * until `work` is done. Gives up after `maxSteps` jumps rather than looping forever.
   */
  async run<T>(work: Promise<T>, maxSteps = 10_000): Promise<T> {
    let settled = false;
    const done = work.finally(() => {
      settled = true;
    });
    done.catch(() => {});
    for (let step = 0; step < maxSteps; step++) {
      for (let i = 0; i < 20 && !settled; i++) await setImmediate();
      if (settled) return done;
      const next = [...this.#timers].sort((a, b) => a.at - b.at)[0];
      if (!next) continue;
      this.#timers.delete(next);
      this.time = Math.max(this.time, next.at);
      next.callback();
    }
    throw new Error('work did not settle');
  }
}
