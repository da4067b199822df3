// A circuit breaker for a store that leaves the process. A backend that hangs (a frozen Redis)
// would cost every request the whole store timeout; after a few consecutive failures the breaker
// stops asking for a cool-down, then lets one call through to probe. It knows nothing of Redis.

export interface BreakerOptions {
  /** Consecutive failures that open it. Default 3. */
  threshold?: number;
  /** The first cool-down, in ms; each failed probe doubles it, up to `maxCoolDownMs`. Default 1000. */
  coolDownMs?: number;
  /** Default 5000: once the backend is back, it is asked again within this long. */
  maxCoolDownMs?: number;
  /** A clock of its own (ms): the entries' clock may be moved by tests, this one must run. */
  now?: () => number;
}

/** Answered instead of calling the backend while the breaker is open. */
export class BreakerOpenError extends Error {
  override readonly name = 'BreakerOpenError';
  constructor(
    /** When (by the breaker's clock) a probe may next go through. */
    readonly probeAt: number,
  ) {
    super('circuit breaker open: the backend is not asked until its cool-down is over');
  }
}

export interface Breaker {
  /** Whether calls are being refused (a cool-down, or a probe in flight). */
  readonly open: boolean;
  /**
   * Runs `work` and counts its outcome, or refuses at once with a `BreakerOpenError` while open.
   * Once the cool-down is over, the first call is the probe; the others are refused until it ends.
   */
  call<T>(work: () => Promise<T>): Promise<T>;
}

export function createBreaker(options: BreakerOptions = {}): Breaker {
  const threshold = options.threshold ?? 3;
  const baseCoolDownMs = options.coolDownMs ?? 1000;
  const maxCoolDownMs = options.maxCoolDownMs ?? 5000;
  const now = options.now ?? (() => performance.now());
  let failures = 0;
  let coolDownMs = baseCoolDownMs;
  /** Until when calls are refused; undefined while closed. */
  let openUntil: number | undefined;
  let probing = false;

  function succeeded(): void {
    failures = 0;
    coolDownMs = baseCoolDownMs;
    openUntil = undefined;
    probing = false;
  }

  function failed(wasProbe: boolean): void {
    if (wasProbe && probing) {
      probing = false;
      coolDownMs = Math.min(coolDownMs * 2, maxCoolDownMs);
      openUntil = now() + coolDownMs;
      return;
    }
    // A call that was already under way when the breaker opened changes nothing.
    if (openUntil !== undefined) return;
    failures++;
    if (failures >= threshold) openUntil = now() + coolDownMs;
  }

  return {
    get open() {
      return openUntil !== undefined;
    },
    async call(work) {
      let isProbe = false;
      if (openUntil !== undefined) {
        if (probing || now() < openUntil) throw new BreakerOpenError(openUntil);
        probing = true;
        isProbe = true;
      }
      try {
        const result = await work();
        succeeded();
        return result;
      } catch (error) {
        failed(isProbe);
        throw error;
      }
    },
  };
}
