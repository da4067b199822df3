// The proxy's Prometheus metrics (`mdss_proxy_*`, named for dashboards to rely on) and
// `GET /metrics`. A request's counter cell is a plain number found through maps of its label
// values, so a hit costs an increment; prom-client reads the cells only when scraped. No label
// carries a token, a cache key or a file id: routes are templates, stores kinds, statuses numbers.
import { Counter, type CounterConfiguration, Gauge, Histogram, Registry } from 'prom-client';
import type { CacheEntry } from '../cache/entry.ts';
import type { AccessLine } from '../http/access-log.ts';
import { ProblemError } from '../http/problem.ts';
import type { CacheStore } from '../stores/store.ts';
import { whenGranted } from '../upstream/limits.ts';
import type { UpstreamOutcome } from '../upstream/outcome.ts';
import type { Observer } from './observer.ts';
import { collectProcessMetrics, type HeapReader, type ProcessRuntime } from './process-metrics.ts';

type Labels<N extends string> = Record<N, string>;
interface Cell<N extends string> {
  labels: Labels<N>;
  value: number;
}

/** A counter whose cells are incremented as plain numbers and handed to prom-client on a scrape. */
function cellCounter<N extends string>(
  registry: Registry,
  config: Pick<CounterConfiguration<N>, 'name' | 'help'> & { labelNames: readonly N[] },
) {
  const cells: Cell<N>[] = [];
  new Counter<N>({
    ...config,
    registers: [registry],
    collect() {
      this.reset();
      for (const cell of cells) this.inc(cell.labels, cell.value);
    },
  });
  return (labels: Labels<N>): Cell<N> => {
    const cell = { labels, value: 0 };
    cells.push(cell);
    return cell;
  };
}

/** `cell(key)`, made on first use and remembered (for label sets with few values each). */
function memo<K, V>(make: (key: K) => V): (key: K) => V {
  const cells = new Map<K, V>();
  return (key) => {
    let cell = cells.get(key);
    if (cell === undefined) {
      cell = make(key);
      cells.set(key, cell);
    }
    return cell;
  };
}

/** The upstream's status, or what stood for one when it gave none usable. */
function upstreamStatus(outcome: UpstreamOutcome): string {
  switch (outcome.kind) {
    case 'result':
      return '200';
    case 'client-error':
    case 'server-error':
      return String(outcome.status);
    default:
      return outcome.kind;
  }
}

const LIMITS = ['rate-limited', 'upstream-busy', 'too-many-streams', 'streams-full'] as const;
const DURATION_BUCKETS = [
  0.0001, 0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/** How an observer wraps a part. */
type Wrap<P extends keyof Observer> = NonNullable<Observer[P]>;
type Limited = Record<(typeof LIMITS)[number], Cell<'reason'>>;

/** Requests answered, counted from the access lines. */
function requestMetrics(registry: Registry): Wrap<'log'> {
  const requestCell = cellCounter(registry, {
    name: 'mdss_proxy_requests_total',
    help: 'Requests answered, by route template, status and what the cache did (hit, miss, stale, none).',
    labelNames: ['route', 'status', 'cache'],
  });
  // route → cache → status → cell: a hit finds its cell without building a key.
  const requests = memo((route: string) =>
    memo((cache: string) =>
      memo((status: number) => requestCell({ route, status: String(status), cache })),
    ),
  );
  return (log) => (line) => {
    if ('durationMs' in line) {
      const { route, cache, status } = line as AccessLine;
      requests(route)(cache)(status).value++;
    }
    log(line);
  };
}

/** Requests to MDSS: by status, how long they took, how many are under way. */
function upstreamMetrics(registry: Registry): Wrap<'fetchFile'> {
  const upstreamCell = cellCounter(registry, {
    name: 'mdss_proxy_upstream_requests_total',
    help: 'Requests sent to MDSS, by its status (or timeout, unreachable, invalid when it gave none usable).',
    labelNames: ['status'],
  });
  const upstreamRequests = memo((status: string) => upstreamCell({ status }));
  const upstreamDuration = new Histogram({
    name: 'mdss_proxy_upstream_duration_seconds',
    help: 'How long a request to MDSS took, body included.',
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  let upstreamInflight = 0;
  new Gauge({
    name: 'mdss_proxy_upstream_inflight',
    help: 'Requests to MDSS under way now.',
    registers: [registry],
    collect() {
      this.set(upstreamInflight);
    },
  });
  return (fetchFile) => (id, headers) => {
    upstreamInflight++;
    const started = performance.now();
    const done = () => {
      upstreamDuration.observe((performance.now() - started) / 1000);
      upstreamInflight--;
    };
    return fetchFile(id, headers).then(
      (outcome) => {
        done();
        upstreamRequests(upstreamStatus(outcome)).value++;
        return outcome;
      },
      (error: unknown) => {
        done();
        throw error;
      },
    );
  };
}

/** Callers that joined a flight under way instead of asking MDSS themselves. */
function coalescingMetrics(registry: Registry): Wrap<'resolve'> {
  const coalesced = cellCounter(registry, {
    name: 'mdss_proxy_coalesced_waiters_total',
    help: 'Requests that joined a request to MDSS already under way instead of sending their own.',
    labelNames: [],
  })({});
  return (resolve) => (call) =>
    resolve(call).then((resolution) => {
      if ('collapsed' in resolution.outcome && resolution.outcome.collapsed) coalesced.value++;
      return resolution;
    });
}

/** The store's operations: how long each took, and those that failed. */
function storeMetrics(registry: Registry): Wrap<'store'> {
  const storeErrorCell = cellCounter(registry, {
    name: 'mdss_proxy_store_errors_total',
    help: 'Store operations that failed (or were refused while the store is cooling down); the request went on without the store.',
    labelNames: ['store'],
  });
  const storeDuration = new Histogram({
    name: 'mdss_proxy_store_duration_seconds',
    help: 'How long a store operation took.',
    labelNames: ['store', 'operation'],
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  return (store) => {
    const errors = storeErrorCell({ store: store.kind });
    // The memory store neither fails nor waits: timing its map lookups would cost every
    // request through the router for a figure that says nothing.
    if (store.kind === 'memory') return store;
    const timers = memo((operation: string) =>
      storeDuration.labels({ store: store.kind, operation }),
    );
    const timed = <T>(operation: string, work: () => T | Promise<T>): T | Promise<T> => {
      const started = performance.now();
      const done = () => {
        timers(operation).observe((performance.now() - started) / 1000);
        if (!store.available) errors.value++;
      };
      const result = work();
      if (!(result instanceof Promise)) {
        done();
        return result;
      }
      return result.finally(done);
    };
    // The rest is the store's own, through the prototype: its kind, its availability, the
    // fleet it offers, and `peek`, the direct-hit path's, left as fast as it is.
    return Object.assign(Object.create(store) as CacheStore, {
      get: (key: string) => timed('get', () => store.get(key)),
      set: (key: string, entry: CacheEntry) => timed('set', () => store.set(key, entry)),
      delete: (key: string) => timed('delete', () => store.delete(key)),
    });
  };
}

/** One cell per limit that held a request back. */
function limitedCells(registry: Registry): Limited {
  const limitedCell = cellCounter(registry, {
    name: 'mdss_proxy_limited_total',
    help: "Requests held back by the proxy's own limits, by which (rate-limited, upstream-busy, too-many-streams, streams-full).",
    labelNames: ['reason'],
  });
  return Object.fromEntries(LIMITS.map((reason) => [reason, limitedCell({ reason })])) as Limited;
}

/** Misses the gate turned away, and those a spent budget held back. */
function upstreamLimitMetrics(limited: Limited): {
  gate: Wrap<'gate'>;
  takeBudget: Wrap<'takeBudget'>;
} {
  return {
    gate: (gate) => (credential) =>
      whenGranted(gate(credential), (release) => {
        if (!release) limited['upstream-busy'].value++;
        return release;
      }),
    takeBudget: (takeBudget) => (tokenKey) => {
      const spent = takeBudget(tokenKey);
      if (spent) limited['rate-limited'].value++;
      return spent;
    },
  };
}

/** Streams open now, and those the stream limits refused. */
function streamMetrics(registry: Registry, limited: Limited): Wrap<'streamLimits'> {
  let streamsOpen = () => 0;
  new Gauge({
    name: 'mdss_proxy_streams_open',
    help: 'Event streams open now.',
    registers: [registry],
    collect() {
      this.set(streamsOpen());
    },
  });
  return (limits) => {
    streamsOpen = () => limits.count;
    return {
      open(credential, evict, streams) {
        const release = limits.open(credential, evict, streams);
        if (release instanceof ProblemError) {
          limited[release.kind === 'too-many-streams' ? release.kind : 'streams-full'].value++;
        }
        return release;
      },
      get count() {
        return limits.count;
      },
    };
  };
}

/**
 * MDSS's notifications: received, refused by reason, and the watches they made poll, whether
 * received here (`hook`) or by another instance and relayed by the fleet (`fleet`).
 */
function notificationMetrics(registry: Registry): Wrap<'notifications'> {
  const received = cellCounter(registry, {
    name: 'mdss_proxy_notifications_total',
    help: 'Notifications MDSS sent to /hooks/mdss, refused or not.',
    labelNames: [],
  })({});
  const refusedCell = cellCounter(registry, {
    name: 'mdss_proxy_notifications_refused_total',
    help: 'Notifications refused, by reason (unauthorized, too-large, malformed, unknown).',
    labelNames: ['reason'],
  });
  const refused = memo((reason: string) => refusedCell({ reason }));
  const appliedCell = cellCounter(registry, {
    name: 'mdss_proxy_notifications_applied_total',
    help: 'Watches a File Scanned notification made poll MDSS now (at most one per watch per MDSS_NOTIFY_GAP_MS), by source: received here (hook), or relayed by another instance of the fleet (fleet).',
    labelNames: ['source'],
  });
  const applied = {
    hook: appliedCell({ source: 'hook' }),
    fleet: appliedCell({ source: 'fleet' }),
  };
  return (noted) => (outcome) => {
    if (outcome.kind === 'relayed') applied.fleet.value += outcome.watches;
    else received.value++;
    if (outcome.kind === 'refused') refused(outcome.reason).value++;
    if (outcome.kind === 'applied') applied.hook.value += outcome.watches;
    noted(outcome);
  };
}

export interface MetricsOptions {
  /**
   * The process's own metrics (CPU, memory, event loop, GC) as well, as the runtime that runs it
   * measures them (`process-metrics.ts`); false: none. Default: Node's.
   */
  processMetrics?: { runtime: ProcessRuntime; heap?: HeapReader | undefined } | false;
}

/** Every observed part's metrics, over one registry, served at `/metrics`. */
export function createMetrics(options: MetricsOptions = {}): Observer & { registry: Registry } {
  const registry = new Registry();
  const processMetrics = options.processMetrics ?? { runtime: 'node' };
  if (processMetrics) collectProcessMetrics(registry, processMetrics.runtime, processMetrics.heap);
  const limited = limitedCells(registry);
  const observer: Observer = {
    log: requestMetrics(registry),
    fetchFile: upstreamMetrics(registry),
    resolve: coalescingMetrics(registry),
    store: storeMetrics(registry),
    ...upstreamLimitMetrics(limited),
    streamLimits: streamMetrics(registry, limited),
    notifications: notificationMetrics(registry),
    operations(route) {
      route('/metrics', async (c) =>
        c.body(await registry.metrics(), 200, {
          'content-type': registry.contentType,
          'cache-control': 'no-store',
        }),
      );
    },
  };
  return Object.assign(observer, { registry });
}
