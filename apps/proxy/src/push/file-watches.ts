// One upstream poll per (credential, file) for everyone watching it: every event stream of that
// key subscribes to the same watch, which polls through the file results (so it reads and
// refreshes the very cache entries plain GETs use: a stream and a poll never cost two upstream
// calls), only while someone listens, more slowly as a scan runs long, and never sooner than
// the entry it holds stops being fresh or the upstream's Retry-After says. In a fleet
// (`fleet/fleet.ts`) one instance polls a file for all: the others hear its events and only check, at
// each interval, that it still does.
import { problemEventId } from '@mdss-kit/contract/events';
import { summaryOf } from '../cache/entry-summary.ts';
import type { ResolveFile } from '../cache/file-results.ts';
import type { CacheOutcome } from '../cache/outcome.ts';
import { isRefusal } from '../cache/policy.ts';
import type { FileCall } from '../file-call.ts';
import type { Fleet, Listening, WatchNews } from '../fleet/fleet.ts';
import type { TraceSpan } from '../observe/trace-span.ts';
import { failureProblem } from '../upstream/failures.ts';
import type { FileFailure } from '../upstream/outcome.ts';
import type { FileEventOut } from './file-event.ts';
import { hintId } from './stale-marks.ts';

/** What a subscriber has: the id of its latest event, and the time of that event's result. */
export interface Seen {
  id: string | undefined;
  at: number;
}

/** A long-poll's wait: for news past `after`, at most `ms`, while `signal` has not aborted. */
export interface LongPoll {
  after: Seen;
  ms: number;
  signal: AbortSignal;
}

export interface Subscriber {
  /** What it has already (a stream's Last-Event-ID; a long-poll's result): sent nothing older or the same. */
  after: Seen;
  send(event: FileEventOut): void;
  /** The watch is over (a final event was sent); the subscriber ends its stream. */
  end(): void;
}

export interface WatchOptions {
  resolve: ResolveFile;
  now: () => number;
  upstreamTimeoutMs: number;
  /** How long the upstream may keep failing before the stream gives up with a problem. */
  patienceMs: number;
  /** One watch per key for the whole process; false on Workers: one per subscriber. */
  shared: boolean;
  /** The instances that share one watch per key (with `shared`); default: this one alone. */
  fleet?: Fleet | undefined;
  /** A watch polls on a hint (`nudge`) at most once per this many ms; default 1000. */
  hintGapMs?: number | undefined;
  /** Told each time a watch sees its file done (notifications' silence, notify-silence.ts). */
  onDone?: (() => void) | undefined;
  /** Marks a file id's cached in-progress results stale (stale-marks.ts), as a hint does. */
  markStale?: ((id: string) => void) | undefined;
}

/**
 * How much later than it said a polling watch may renew its lead (the round trip to the fleet,
 * the clocks of two instances) before another instance takes over.
 */
const LEAD_SLACK_MS = 1000;

/** The pause between polls: 1 s for a scan's first 30 s, then 2 s, then 5 s after 2 minutes. */
export function pollInterval(watchedMs: number): number {
  return watchedMs < 30_000 ? 1000 : watchedMs < 120_000 ? 2000 : 5000;
}

function retryAfterMs(failure: FileFailure): number {
  if (failure.kind === 'rate-limited') return failure.spent.retryAfterSeconds * 1000;
  if (failure.kind === 'upstream-busy') return failure.retryAfterSeconds * 1000;
  if (failure.kind === 'client-error' && failure.retryAfter) {
    const seconds = Number(failure.retryAfter);
    return Number.isFinite(seconds) ? seconds * 1000 : 0;
  }
  return 0;
}

/** Whether `event` is news to a subscriber that has `seen`. */
const isNews = (event: FileEventOut, seen: Seen) => event.id !== seen.id && event.at >= seen.at;

/** A subscriber, what it has been sent, and the span of the request it serves. */
interface Subscription {
  subscriber: Subscriber;
  seen: Seen;
  trace: TraceSpan | undefined;
}

class Watch {
  readonly subscribers = new Set<Subscription>();
  last: FileEventOut | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #failingSince: number | undefined;
  /** Whether this watch polls the file for the fleet. */
  #leading = false;
  /** This watch's seat in the fleet: on Workers an isolate holds one watch per stream. */
  readonly #seat = crypto.randomUUID();
  /** A poll is under way; a hint that comes meanwhile (`#hinted`) asks for one more after it. */
  #polling = false;
  #hinted = false;
  #lastHint = Number.NEGATIVE_INFINITY;
  /** This hint's poll was answered with what may predate it, and has asked once more (#recheck). */
  #rechecked = false;
  readonly #news: Listening | undefined;
  readonly #started: number;

  constructor(
    readonly key: string,
    private readonly call: FileCall,
    private readonly options: WatchOptions,
    private readonly forget: () => void,
  ) {
    this.#started = options.now();
    this.#news = options.fleet?.listen(key, (news) => this.#hear(news));
  }

  subscribe(subscriber: Subscriber, trace: TraceSpan | undefined): Subscription {
    const subscription = { subscriber, seen: subscriber.after, trace };
    this.subscribers.add(subscription);
    if (this.last) this.#deliver(subscription, this.last);
    if (this.subscribers.size === 1 && this.#timer === undefined) this.#schedule(0);
    return subscription;
  }

  unsubscribe(subscription: Subscription): void {
    this.subscribers.delete(subscription);
    // Nobody listens: no more polls.
    if (this.subscribers.size === 0) this.#stop();
  }

  /**
   * A hint (MDSS's notification): poll now, through the usual single flight, limits and budget,
   * unless a hint did so within `gapMs`: a flood costs at most one extra poll per watch per gap.
   * Whether it will poll.
   */
  hint(gapMs: number): boolean {
    const at = this.options.now();
    if (this.subscribers.size === 0 || at - this.#lastHint < gapMs) return false;
    this.#lastHint = at;
    this.#hinted = true;
    this.#rechecked = false;
    // A poll under way may have asked before the verdict: one more follows it (#pollNow).
    if (!this.#polling) {
      clearTimeout(this.#timer);
      this.#schedule(0);
    }
    return true;
  }

  async #pollNow(): Promise<void> {
    this.#polling = true;
    const hinted = this.#hinted;
    this.#hinted = false;
    try {
      await this.#poll(hinted);
    } finally {
      this.#polling = false;
    }
    if (this.#hinted && this.subscribers.size > 0) {
      clearTimeout(this.#timer);
      this.#schedule(0);
    }
  }

  #schedule(ms: number): void {
    this.#timer = setTimeout(() => void this.#pollNow(), ms);
    // The lead is renewed at the next poll: a poller silent past that is replaced then, within
    // one interval, not after a whole upstream timeout.
    if (this.#leading) void this.#lead(ms);
  }

  #stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#news?.close();
    if (this.#leading) void this.options.fleet?.resign(this.key, this.#seat);
    this.#leading = false;
    this.forget();
  }

  /**
   * Takes or renews this watch's lead of the fleet's polling, due again within `ms` (plus the
   * slack): the one place the lead is renewed. Undefined without a fleet, or with it away.
   */
  async #lead(ms: number): Promise<boolean | undefined> {
    return this.options.fleet?.lead(this.key, this.#seat, ms + LEAD_SLACK_MS);
  }

  /** News from the instance that polls for the fleet; what this watch has already is skipped. */
  #hear({ event, final }: WatchNews): void {
    if (this.subscribers.size === 0 || (this.last && !isNews(event, this.last))) return;
    this.#publish(event, final);
  }

  #deliver(subscription: Subscription, event: FileEventOut): void {
    if (!isNews(event, subscription.seen)) return;
    subscription.seen = event;
    subscription.subscriber.send(event);
  }

  #publish(event: FileEventOut, final: boolean): void {
    if (this.#leading) this.options.fleet?.broadcast(this.key, { event, final });
    this.last = event;
    for (const subscription of this.subscribers) {
      this.#deliver(subscription, event);
      if (final) subscription.subscriber.end();
    }
    if (event.event === 'done') this.options.onDone?.();
    if (final) {
      this.subscribers.clear();
      this.#stop();
    }
  }

  /**
   * A span of its own for one poll, linked to the request of each stream (or long-poll) it serves:
   * the first request's trace ended long ago, and the poll is for all of them.
   */
  #pollSpan(): TraceSpan | undefined {
    const traces = [...this.subscribers].flatMap(({ trace }) => (trace ? [trace] : []));
    const span = traces[0]?.linkedRoot('watch poll', traces.slice(1));
    span?.set({ 'mdss_proxy.subscribers': this.subscribers.size });
    return span;
  }

  /**
   * A hinted poll trusts only what MDSS answered after the hint to a request of the poll's own. An
   * answer from the store or from a request already on its way (a GET's, an earlier poll's, another
   * instance's) may have left MDSS before the scan ended, and one stored after the hint's mark
   * reads fresh. Once per hint, such an answer marks the file stale again and polls once more.
   */
  #recheck(outcome: CacheOutcome): boolean {
    const own = outcome.kind === 'miss' && !outcome.collapsed;
    if (own || this.#rechecked) return false;
    this.#rechecked = true;
    this.options.markStale?.(this.call.ask.id);
    // #pollNow polls again as soon as this poll is over.
    this.#hinted = true;
    return true;
  }

  /** One poll; `hinted`: a notification asked for it, so it does not leave it to the fleet's poller. */
  async #poll(hinted: boolean): Promise<void> {
    const { now, fleet } = this.options;
    const interval = pollInterval(now() - this.#started);
    if (fleet) {
      // The poll about to start may take the upstream's whole timeout.
      const leading = await this.#lead(this.options.upstreamTimeoutMs);
      if (this.subscribers.size === 0) return;
      this.#leading = leading === true;
      // Another instance polls for the fleet; once this watch has something to show and hears
      // that one's news, it waits for it. Otherwise (the fleet out of reach, the news not heard
      // yet) this watch polls for itself, mostly from the shared store.
      if (leading === false && this.last && this.#news?.on && !hinted) {
        return this.#schedule(interval);
      }
    }
    const span = this.#pollSpan();
    const { call } = this;
    const resolution = await this.options.resolve({
      ...call,
      headers: { ...call.headers, trace: span },
    });
    span?.end();
    if (this.subscribers.size === 0) return;
    if (resolution.kind === 'entry') {
      this.#failingSince = undefined;
      const { entry } = resolution;
      const { json, summary, eventId } = summaryOf(entry);
      // The same summary says nothing new (and a done one has ended the watch already).
      if (this.last?.id !== eventId) {
        const event = summary.done ? 'done' : 'progress';
        this.#publish({ event, id: eventId, at: entry.storedAt, data: json }, summary.done);
      }
      if (summary.done || (hinted && this.#recheck(resolution.outcome))) return;
      // A millisecond past the entry's freshness: Node fires a timer up to a millisecond early by
      // the clock, and a poll that finds the entry still fresh asks nobody and waits a whole
      // interval more.
      this.#schedule(Math.max(interval, entry.freshUntil - now() + 1));
      return;
    }
    const { failure } = resolution;
    this.#failingSince ??= now();
    if (isRefusal(failure) || now() - this.#failingSince >= this.options.patienceMs) {
      const problem = failureProblem(failure, this.options.upstreamTimeoutMs);
      const { body } = problem.render(`/api/file/${call.ask.id}/events`, call.headers.requestId);
      const at = Math.max(this.last?.at ?? 0, now());
      this.#publish({ event: 'problem', id: problemEventId(problem.status), at, data: body }, true);
      return;
    }
    this.#schedule(Math.max(interval, retryAfterMs(failure)));
  }
}

/** What feeds event streams and long-polls (this process's watches, or a coordinator's). */
export type FileWatches = Omit<HintedWatches, 'hint'>;
/** This process's own watches, which a hint reaches. */
export type HintedWatches = ReturnType<typeof createFileWatches>;

type Subscribe = (call: FileCall, subscriber: Subscriber) => () => void;

/**
 * Resolves when the watch of `call` has news past `wait.after` (true), or after `wait.ms` or
 * once `wait.signal` aborts (false): a long-poll (`Prefer: wait`) is a subscriber that leaves
 * after one event, or when its client hangs up (the watch stops polling with its last one).
 */
function untilNews(subscribe: Subscribe, call: FileCall, wait: LongPoll): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    let unsubscribe: (() => void) | undefined;
    const settle = (news: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      wait.signal.removeEventListener('abort', gone);
      unsubscribe?.();
      resolve(news);
    };
    const gone = () => settle(false);
    if (wait.signal.aborted) return resolve(false);
    wait.signal.addEventListener('abort', gone);
    const timer = setTimeout(gone, wait.ms);
    const news = () => settle(true);
    unsubscribe = subscribe(call, { after: wait.after, send: news, end: news });
    // News may have come at once, before the unsubscribe was known.
    if (settled) unsubscribe();
  });
}

const HINT_GAP_MS = 1000;

export function createFileWatches(options: WatchOptions) {
  const watches = new Map<string, Watch>();
  /** file id (hintId) → its watches, of every credential: what a hint reaches. */
  const byId = new Map<string, Set<Watch>>();
  // On Workers a request's I/O cannot serve another's: one watch per subscriber there.
  const watchKey = (key: string) => (options.shared ? key : `${key}:${crypto.randomUUID()}`);
  /** The watch of `call`'s key, made for it when there is none. */
  const watchOf = (call: FileCall) => {
    const key = watchKey(call.key);
    const known = watches.get(key);
    if (known) return known;
    const id = hintId(call.ask.id);
    const created = new Watch(call.key, call, options, () => {
      if (watches.get(key) === created) watches.delete(key);
      const ofId = byId.get(id);
      ofId?.delete(created);
      if (ofId?.size === 0) byId.delete(id);
    });
    watches.set(key, created);
    byId.set(id, (byId.get(id) ?? new Set()).add(created));
    return created;
  };
  /** Subscribes to the watch of `call`'s cache key; returns the unsubscribe. */
  const subscribe: Subscribe = (call, subscriber) => {
    const watch = watchOf(call);
    const subscription = watch.subscribe(subscriber, call.headers.trace);
    return () => watch.unsubscribe(subscription);
  };
  return {
    subscribe,
    changed: (call: FileCall, wait: LongPoll) => untilNews(subscribe, call, wait),
    /** A hint for `id` (a notification): every watch of it polls now, within the gap; how many. */
    hint(id: string): number {
      let polled = 0;
      const gapMs = options.hintGapMs ?? HINT_GAP_MS;
      for (const watch of byId.get(hintId(id)) ?? []) if (watch.hint(gapMs)) polled++;
      return polled;
    },
    /** Watches polling now, for tests and metrics. */
    get size() {
      return watches.size;
    },
  };
}
