// What protects MDSS from the proxy's own callers: a cap on upstream requests under way, which
// bounds every caller together (bogus credentials included), within it a smaller cap per
// credential (so that one credential's burst queues behind itself), each with a short queue
// before a 503; and a budget of new ids per credential (a token bucket: a burst, then a steady
// rate), spent only by an upstream call for an id the credential has no result for
// (`known-ids.ts`), never by cache hits, by joining a request already under way, or by re-asking
// a file already answered (decision 010).

import { LRUCache } from 'lru-cache';

/** Gives a slot back. */
export type Release = () => void;

/**
 * A release function, at once when a slot is free (a miss takes two gates, and a promise each
 * would cost it two turns of the event loop's microtasks for nothing), else once one is, or
 * undefined after waiting in vain.
 */
export type Granted = Release | undefined | Promise<Release | undefined>;

export interface InflightGate {
  /** A slot: at once when one is free, else after waiting up to `queueMs` (undefined: none). */
  acquire(): Granted;
  readonly inflight: number;
}

export function createInflightGate(max: number, queueMs: number): InflightGate {
  let inflight = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    // The slot passes straight to the next in line, so a late arrival cannot overtake it.
    if (next) next();
    else inflight--;
  };
  return {
    get inflight() {
      return inflight;
    },
    acquire() {
      if (inflight < max) {
        inflight++;
        return release;
      }
      return new Promise<Release | undefined>((resolve) => {
        const granted = () => {
          clearTimeout(timer);
          resolve(release);
        };
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(granted), 1);
          resolve(undefined);
        }, queueMs);
        waiting.push(granted);
      });
    },
  };
}

/** The gate a request to the upstream passes: its credential's, then everyone's. */
export type UpstreamGate = (credential: string) => Granted;

/** `granted`'s release, or undefined, handed to `then` at once when it came at once. */
export function whenGranted<T>(
  granted: Granted,
  then: (release: Release | undefined) => T,
): T | Promise<Awaited<T>> {
  return granted instanceof Promise ? (granted.then(then) as Promise<Awaited<T>>) : then(granted);
}

export function createUpstreamGate(
  all: InflightGate,
  perCredential: number,
  queueMs: number,
): UpstreamGate {
  const gates = new Map<string, InflightGate>();
  const forgetIfIdle = (credential: string, gate: InflightGate) => {
    if (gate.inflight === 0 && gates.get(credential) === gate) gates.delete(credential);
  };
  return (credential) => {
    let gate = gates.get(credential);
    if (!gate) {
      gate = createInflightGate(perCredential, queueMs);
      gates.set(credential, gate);
    }
    const idle = gate;
    return whenGranted(gate.acquire(), (mine) => {
      if (!mine) return undefined;
      const release = () => {
        mine();
        forgetIfIdle(credential, idle);
      };
      return whenGranted(all.acquire(), (shared) => {
        if (!shared) {
          release();
          return undefined;
        }
        return () => {
          shared();
          release();
        };
      });
    });
  };
}

export interface Budget {
  /** Upstream calls for new ids one credential may make at once, after a quiet spell. */
  burst: number;
  /** Upstream calls for new ids per second one credential may make in the long run. */
  perSecond: number;
}

export type Spent = { retryAfterSeconds: number; policy: string; state: string };

/** Credentials whose buckets are remembered; past it the oldest is forgotten (full again). */
const MAX_CREDENTIALS = 100_000;

/**
 * Per-credential token buckets. `take` spends one call, or says when one will be there and the
 * draft RateLimit fields (draft-ietf-httpapi-ratelimit-headers) to answer with.
 */
export function createBudgets(budget: Budget, now: () => number) {
  const buckets = new LRUCache<string, { tokens: number; at: number }>({ max: MAX_CREDENTIALS });
  const windowSeconds = Math.ceil(budget.burst / budget.perSecond);
  const policy = `"new-ids";q=${budget.burst};w=${windowSeconds}`;
  return function take(credential: string): Spent | undefined {
    const at = now();
    const bucket = buckets.get(credential) ?? { tokens: budget.burst, at };
    bucket.tokens = Math.min(
      budget.burst,
      bucket.tokens + ((at - bucket.at) / 1000) * budget.perSecond,
    );
    bucket.at = at;
    buckets.set(credential, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / budget.perSecond));
    return { retryAfterSeconds, policy, state: `"new-ids";r=0;t=${retryAfterSeconds}` };
  };
}
