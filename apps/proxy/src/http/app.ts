// The proxy as a Hono app, free of any runtime: entries in src/runtimes/ give it a store, a
// fetch and a clock, and serve it on Node, workerd, Deno or Bun. This file is wiring and routes;
// the rules live in the modules named after them.
import { type Handler, Hono, type NotFoundHandler } from 'hono';
import { createFileResults, type ResolveFile } from '../cache/file-results.ts';
import { createKeyDeriver, type KeyDeriver } from '../cache/key.ts';
import type { Config } from '../config.ts';
import type { Fleet } from '../fleet/fleet.ts';
import { type Observe, type Observer, observe, untraced } from '../observe/observer.ts';
import { operationsRoute, requireOpsToken } from '../observe/operations.ts';
import { createReadiness } from '../observe/readiness.ts';
import type { EventsRouteParts } from '../push/events-route.ts';
import { createFileWatches, type HintedWatches } from '../push/file-watches.ts';
import { type FilesCallParts, filesCalls } from '../push/files-request.ts';
import { filesEventsResponse } from '../push/files-stream.ts';
import { filesSummaryResponse } from '../push/files-summary.ts';
import { type Noted, notificationsRoute } from '../push/notifications-route.ts';
import { createNotifySilence, type NotifySilence } from '../push/notify-silence.ts';
import { createStaleMarks, markedStore, type StaleMarks } from '../push/stale-marks.ts';
import { createStreamLimits } from '../push/stream-limits.ts';
import type { CacheStore } from '../stores/store.ts';
import { createKnownIds } from '../upstream/known-ids.ts';
import { createBudgets, createInflightGate, createUpstreamGate } from '../upstream/limits.ts';
import { createUpstream, exchangeOverFetch, type UpstreamExchange } from '../upstream/request.ts';
import type { Log, LogLine } from './access-log.ts';
import type { AppEnv } from './app-env.ts';
import { createDeferredWork } from './deferred-work.ts';
import { createDirectPath, type DirectPath } from './direct-path.ts';
import { createFileRoute } from './file-route.ts';
import { getOnly } from './get-only.ts';
import { ProblemError, renderErrors, sendProblem } from './problem.ts';
import { logRequests, type RequestLogParts } from './request-log.ts';

export type { LogLine };

export interface AppOptions {
  config: Pick<
    Config,
    | 'cacheTtlSeconds'
    | 'staleIfErrorSeconds'
    | 'cacheKeySecret'
    | 'ignoreUpstreamDirectives'
    | 'upstreamTimeoutMs'
    | 'upstreamMaxBytes'
    | 'upstreamMaxInflight'
    | 'upstreamInflightPerCredential'
    | 'upstreamQueueMs'
    | 'upstreamNewIdsBurst'
    | 'upstreamNewIdsPerSecond'
    | 'streamsPerCredential'
    | 'streamsMax'
    | 'streamMaxSeconds'
    | 'streamHeartbeatSeconds'
    | 'opsPort'
    | 'opsToken'
  > &
    Partial<Pick<Config, 'notifySecret' | 'notifyGapMs'>> & { mdssUrl: string };
  store: CacheStore;
  /** How the upstream is reached; default: the global fetch. */
  exchange?: UpstreamExchange;
  /**
   * The instances this one acts as one proxy with (`fleet/fleet.ts`); default: the store's, if
   * the instances share it (Redis), else none.
   */
  fleet?: Fleet | undefined;
  deriveKey?: KeyDeriver;
  now?: () => number;
  /**
   * Requests arrive with an ExecutionContext (Workers), whose `waitUntil` must hold work that
   * runs past the response. Elsewhere the app holds that work itself, for `drain()`.
   */
  executionContext?: boolean;
  /** One JSON object per line; never receives a token. Default: stdout. */
  log?: Log;
  /** Metrics and traces (metrics.ts, tracing.ts): each wraps the parts it watches. */
  observers?: readonly Observer[];
}

export type ProxyApp = Hono<AppEnv> & {
  /**
   * Plain file requests answered before the router, for servers that can ask first (not on
   * Workers, whose requests carry an ExecutionContext the router hands on).
   */
  directPath: DirectPath | undefined;
  /**
   * The operations endpoints on their own (with /healthz), for the runtime to serve on OPS_PORT;
   * undefined when they are the app's own routes (no OPS_PORT).
   */
  operations: Hono<AppEnv> | undefined;
  /** Resolves once the work deferred past responses (store writes) is done; for a clean stop. */
  drain(): Promise<void>;
  /**
   * What a notification for file `id` does on this instance alone (every watch of it polls now,
   * its in-progress entries read stale); how many watches it made poll. What a hint relayed by
   * the fleet does on the instances that hear it (`Fleet.hint`).
   */
  hint(id: string): number;
};

/**
 * The longest one instance of a fleet holds the turn to ask the upstream: the queue, the request
 * and a second to tell the others. Its waiters wait this long for a holder that died.
 */
const leaseMs = (config: AppOptions['config']) =>
  config.upstreamQueueMs + config.upstreamTimeoutMs + 1000;

/** How long an event stream waits out upstream failures before it ends with a problem event. */
const STREAM_PATIENCE_MS = 60_000;
/** /readyz probes the store and MDSS at most this often, and gives MDSS this long to answer. */
const READINESS_PROBE_MS = 5000;
const READINESS_TIMEOUT_MS = 2000;

const defaultLog: Log = (line) => console.log(JSON.stringify(line));
const noSuchEndpoint: NotFoundHandler<AppEnv> = (c) =>
  sendProblem(c, new ProblemError('not-found', 404, 'No such endpoint.'));

/** The parts every route shares, each handed to the observers as it is made. */
interface AppParts {
  options: AppOptions;
  config: AppOptions['config'];
  now: () => number;
  observed: Observe;
  log: Log;
  store: CacheStore;
  fleet: Fleet | undefined;
  deriveKey: KeyDeriver;
  deferred: ReturnType<typeof createDeferredWork>;
  resolve: ResolveFile;
  /** In-progress entries of notified ids, read as stale (with notifications on). */
  marks: StaleMarks | undefined;
  /** What logs and traces each request, on the router's path and the direct path. */
  requests: RequestLogParts;
}

/** What MDSS is asked through: the upstream, within the gate and the credentials' budgets. */
function fileResults(
  parts: Omit<AppParts, 'resolve' | 'log' | 'deriveKey' | 'deferred' | 'marks' | 'requests'>,
): ResolveFile {
  const { options, config, now, observed, store, fleet } = parts;
  const fetchFile = createUpstream({
    baseUrl: config.mdssUrl,
    timeoutMs: config.upstreamTimeoutMs,
    maxBytes: config.upstreamMaxBytes,
    ...(options.exchange ? { exchange: options.exchange } : {}),
  });
  const gate = createUpstreamGate(
    createInflightGate(config.upstreamMaxInflight, config.upstreamQueueMs),
    config.upstreamInflightPerCredential,
    config.upstreamQueueMs,
  );
  const budget = { burst: config.upstreamNewIdsBurst, perSecond: config.upstreamNewIdsPerSecond };
  const budgeted = budget.perSecond > 0;
  const takeBudget = budgeted ? createBudgets(budget, now) : () => undefined;
  return createFileResults({
    store,
    fetchFile: observed('fetchFile', fetchFile),
    cacheTtlSeconds: config.cacheTtlSeconds,
    staleIfErrorSeconds: config.staleIfErrorSeconds,
    ignoreUpstreamDirectives: config.ignoreUpstreamDirectives,
    gate: observed('gate', gate),
    takeBudget: observed('takeBudget', takeBudget),
    knownIds: budgeted ? createKnownIds(now) : undefined,
    now,
    fleet: fleet && { members: fleet, leaseMs: leaseMs(config) },
  });
}

function appParts(options: AppOptions): AppParts {
  const { config } = options;
  const now = options.now ?? Date.now;
  const observed = observe(options.observers ?? []);
  const log = observed('log', options.log ?? defaultLog);
  const marks = config.notifySecret ? createStaleMarks(now) : undefined;
  const observedStore = observed('store', options.store);
  const store = marks ? markedStore(observedStore, marks) : observedStore;
  const fleet = options.fleet ?? observedStore.fleet;
  const resolve = observed(
    'resolve',
    fileResults({ options, config, now, observed, store, fleet }),
  );
  return {
    options,
    config,
    now,
    observed,
    log,
    store,
    fleet,
    deriveKey: options.deriveKey ?? createKeyDeriver(config.cacheKeySecret),
    deferred: createDeferredWork(options.executionContext ?? false),
    resolve,
    marks,
    requests: { log, now, traceRequest: observed('traceRequest', untraced) },
  };
}

/** This process's watches: one per key (per stream on Workers), which hints reach. */
function ownWatches(
  { options, config, now, fleet, resolve, marks }: AppParts,
  silence: NotifySilence | undefined,
): HintedWatches {
  return createFileWatches({
    resolve,
    now,
    upstreamTimeoutMs: config.upstreamTimeoutMs,
    patienceMs: STREAM_PATIENCE_MS,
    shared: !options.executionContext,
    fleet,
    hintGapMs: config.notifyGapMs,
    onDone: silence?.finished,
    markStale: marks?.mark,
  });
}

/** The event stream's parts: this process's watches and the limits. */
function eventsParts(
  { config, observed, resolve }: AppParts,
  watches: HintedWatches,
): EventsRouteParts {
  return {
    resolve,
    watches,
    limits: observed(
      'streamLimits',
      createStreamLimits(config.streamsPerCredential, config.streamsMax),
    ),
    streamMaxMs: config.streamMaxSeconds * 1000,
    heartbeatMs: config.streamHeartbeatSeconds * 1000,
    upstreamTimeoutMs: config.upstreamTimeoutMs,
  };
}

/**
 * What becomes of notifications, told to the observers (with notifications on). Any notification
 * MDSS got through with, refused or not, says it reaches the proxy; a hint relayed by another
 * instance says it reaches the fleet, which is all MDSS's one URL behind a load balancer can
 * promise: an instance it never reaches directly is not silent while it hears the others.
 */
function notificationsNoted(parts: AppParts, silence: NotifySilence | undefined) {
  if (!parts.config.notifySecret) return undefined;
  const heard: Noted = (outcome) => {
    if (outcome.kind !== 'refused' || outcome.reason !== 'unauthorized') silence?.received();
  };
  return parts.observed('notifications', heard);
}

/**
 * Hints across the fleet (with notifications on: `noted`): the instance MDSS notified applies the
 * hint (`apply`: the id's in-progress entries stale, its watches polling) and relays it
 * (`received`); one hearing a relayed hint applies it, notes it as `relayed`, and relays nothing.
 * `watches` are the own watches, which read the hearing as they subscribe, so a subscription
 * Redis refused is tried again.
 */
function fleetHints({ marks, fleet }: AppParts, own: HintedWatches, noted: Noted | undefined) {
  const apply = (id: string) => {
    marks?.mark(id);
    return own.hint(id);
  };
  const hearing = noted && fleet?.hearHints((id) => noted({ kind: 'relayed', watches: apply(id) }));
  if (!fleet || !hearing) return { apply, received: apply, watches: own, close() {} };
  // Reading `on` tries a subscription Redis refused again.
  const watches: HintedWatches = {
    subscribe(call, subscriber) {
      void hearing.on;
      return own.subscribe(call, subscriber);
    },
    changed(call, wait) {
      void hearing.on;
      return own.changed(call, wait);
    },
    hint: own.hint,
    get size() {
      return own.size;
    },
  };
  const received = (id: string) => {
    fleet.hint(id);
    return apply(id);
  };
  return { apply, received, watches, close: () => hearing.close() };
}

/** /readyz: the store and MDSS, probed now and then; whether notifications went silent. */
function readinessOf({ options, config, now }: AppParts, silence: NotifySilence | undefined) {
  return createReadiness({
    notifications: silence && (() => silence.state),
    store: options.store,
    exchange: exchangeOverFetch(),
    mdssUrl: config.mdssUrl,
    timeoutMs: Math.min(config.upstreamTimeoutMs, READINESS_TIMEOUT_MS),
    probeEveryMs: READINESS_PROBE_MS,
    now,
  });
}

/** The health, readiness and observers' endpoints, added to `target`. */
function operationsRoutes(parts: AppParts, readiness: ReturnType<typeof createReadiness>) {
  const { config, store, observed } = parts;
  const health: Handler<AppEnv> = (c) =>
    c.json({ status: 'ok', store: { kind: store.kind, available: store.available } }, 200, {
      'cache-control': 'no-store',
    });
  const guard = config.opsToken ? requireOpsToken(config.opsToken) : undefined;
  return {
    health,
    add(target: Hono<AppEnv>) {
      const route = operationsRoute(target, guard);
      route('/readyz', readiness.route);
      observed.operations(route);
    },
  };
}

/** The multi-file endpoints: one call per listed file, then the stream or the summaries. */
function filesRoutes(app: Hono<AppEnv>, events: EventsRouteParts, callParts: FilesCallParts) {
  getOnly(app, '/api/files/events', async (c) =>
    filesEventsResponse(c, await filesCalls(c, '/api/files/events', callParts), events),
  );
  getOnly(app, '/api/files/summary', async (c) =>
    filesSummaryResponse(c, await filesCalls(c, '/api/files/summary', callParts), events),
  );
}

/** Plain file requests answered before the router, by the same parts as its file route. */
function directPathOf({ requests, deriveKey, store, resolve, deferred, config }: AppParts) {
  return createDirectPath({
    ...requests,
    deriveKey,
    peek: store.peek?.bind(store),
    resolve,
    defer: deferred.hold,
    upstreamTimeoutMs: config.upstreamTimeoutMs,
  });
}

/** A Hono app with the access log before its routes, and problems for what they do not answer. */
function appWith(requests: RequestLogParts, routes: (app: Hono<AppEnv>) => void) {
  const app = new Hono<AppEnv>();
  app.use(logRequests(requests));
  routes(app);
  app.notFound(noSuchEndpoint);
  app.onError(renderErrors(requests.log));
  return app;
}

export function createApp(options: AppOptions): ProxyApp {
  const parts = appParts(options);
  const { config, log, now, deriveKey, deferred } = parts;
  if (config.ignoreUpstreamDirectives) {
    log({
      level: 'warn',
      msg: "CACHE_IGNORE_UPSTREAM_DIRECTIVES is on: results are cached for our lifetimes whatever the upstream's Cache-Control, Pragma, Expires or Vary say",
    });
  }
  const silence = config.notifySecret ? createNotifySilence({ now, log }) : undefined;
  const readiness = readinessOf(parts, silence);
  const ops = operationsRoutes(parts, readiness);
  const noted = notificationsNoted(parts, silence);
  const hints = fleetHints(parts, ownWatches(parts, silence), noted);
  const events = eventsParts(parts, hints.watches);
  /** The operations endpoints served apart (OPS_PORT), with their own access lines, untraced. */
  const operations =
    config.opsPort === undefined
      ? undefined
      : appWith({ log, now, traceRequest: untraced }, (target) => {
          getOnly(target, '/healthz', ops.health);
          ops.add(target);
        });
  const app = appWith(parts.requests, (app) => {
    getOnly(app, '/healthz', ops.health);
    if (!operations) ops.add(app);
    if (config.notifySecret && noted) {
      notificationsRoute(app, { secret: config.notifySecret, hint: hints.received, noted });
    }
    filesRoutes(app, events, { deriveKey, deferFor: deferred.deferFor });
    // Every other path under /api goes through the front door, which tells a file request from a bad
    // path, method, token or id. URL parsing has already resolved `..`, `%2e%2e` and `\`, so
    // `/api/file/..` arrives here as `/api/`.
    app.all(
      '/api/*',
      createFileRoute({
        events,
        resolve: parts.resolve,
        deriveKey,
        deferFor: deferred.deferFor,
        now,
        upstreamTimeoutMs: config.upstreamTimeoutMs,
      }),
    );
  });
  const directPath = options.executionContext ? undefined : directPathOf(parts);
  const drain = () => {
    readiness.stop();
    hints.close();
    return deferred.drain();
  };
  return Object.assign(app, { directPath, operations, drain, hint: hints.apply });
}
