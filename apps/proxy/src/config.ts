// The proxy's settings, read from the environment and validated once at start: a bad value
// stops the process with a message naming the variable, instead of failing a request later.

export interface Config {
  /** Upstream MDSS base URL, no trailing slash; undefined means demo mode (the built-in mock). */
  mdssUrl: string | undefined;
  host: string;
  port: number;
  /** The port /readyz and /metrics are served on instead of `port`; undefined: on `port`. */
  opsPort: number | undefined;
  /** The bearer token /readyz and /metrics ask for; undefined: they answer anyone. */
  opsToken: string | undefined;
  /** The bearer token MDSS's notifications carry (`/hooks/mdss`); undefined: that path is off. */
  notifySecret: string | undefined;
  /** A watch polls on a notification at most once per this many ms, however many come. */
  notifyGapMs: number;
  cacheTtlSeconds: number;
  /** How long past its freshness a finished result may still be served when the upstream fails. */
  staleIfErrorSeconds: number;
  /** Secret of the cache key's HMAC; random per process when unset. */
  cacheKeySecret: string | undefined;
  /** Our body-driven lifetimes stand over the upstream's caching directives (decision 002). */
  ignoreUpstreamDirectives: boolean;
  upstreamTimeoutMs: number;
  upstreamMaxBytes: number;
  /** Upstream requests under way at once, every credential together. */
  upstreamMaxInflight: number;
  /** Upstream requests under way at once for one credential, within upstreamMaxInflight. */
  upstreamInflightPerCredential: number;
  /** How long a miss waits for a free slot before a 503. */
  upstreamQueueMs: number;
  /**
   * Per credential: upstream calls for ids it has no result for ("new ids") at once after a quiet
   * spell, and per second in the long run (decision 010). Re-asking a file already answered
   * never spends them.
   */
  upstreamNewIdsBurst: number;
  /** 0: no per-credential budget. */
  upstreamNewIdsPerSecond: number;
  /** Event streams open at once per credential, and in all; how long one lasts before it ends. */
  streamsPerCredential: number;
  streamsMax: number;
  streamMaxSeconds: number;
  /**
   * Between a stream's heartbeat comments: below every intermediary's idle timeout. A reader that
   * takes nothing for four of them loses its stream; an evicted stream ends at the next one.
   */
  streamHeartbeatSeconds: number;
  cacheStore: 'memory' | 'redis' | 'cache-api';
  cacheMaxBytes: number;
  /** One redis:// URL; for a Cluster, its seed nodes' URLs, comma-separated. */
  redisUrl: string | undefined;
  /** REDIS_URL names a Redis Cluster's seed nodes. */
  redisCluster: boolean;
  /** A store operation slower than this counts as a failed one: the request goes upstream. */
  storeTimeoutMs: number;
  /**
   * A connection's first request head must be whole within this of connecting, a later one within
   * this of its first byte, or the connection closes.
   */
  headersTimeoutMs: number;
  /** A keep-alive connection with no request under way closes after this. */
  idleTimeoutMs: number;
  /** GET /metrics and the counting behind it (process runtimes). */
  metrics: boolean;
  /** Spans, and the proxy's own span as the parent of what reaches MDSS (OTEL_SDK_DISABLED). */
  tracing: boolean;
  /** OTLP/HTTP base URL spans are exported to (`<url>/v1/traces`); undefined: not exported. */
  otlpEndpoint: string | undefined;
  serviceName: string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** A whole-number setting's default, and the bounds it must lie within. */
type Bounds = readonly [fallback: number, min: number, max: number];

function integer(env: Env, name: string, [fallback, min, max]: Bounds): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got '${raw}')`);
  }
  return value;
}

function flag(env: Env, name: string): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new ConfigError(name, `must be 'true' or 'false' (got '${env[name]}')`);
}

function httpUrl(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be an absolute http(s) URL (got '${raw}')`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, `must use http or https (got '${url.protocol}')`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ConfigError(name, 'must not carry credentials, a query or a fragment');
  }
  return url.href.replace(/\/+$/, '');
}

const MiB = 1024 * 1024;

/** RFC 6750 §2.1 b64token: what a client can send after `Bearer `. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** A bearer secret of ours (OPS_TOKEN, MDSS_NOTIFY_SECRET); never logged, not even its length. */
function bearerSecret(env: Env, name: 'OPS_TOKEN' | 'MDSS_NOTIFY_SECRET'): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < 16 || !B64TOKEN.test(raw)) {
    throw new ConfigError(
      name,
      'must be a bearer token of at least 16 characters (A-Z a-z 0-9 - . _ ~ + /, then = at the end)',
    );
  }
  return raw;
}

function opsPort(env: Env, port: number): number | undefined {
  if (!env.OPS_PORT?.trim()) return undefined;
  const value = integer(env, 'OPS_PORT', [0, 0, 65535]);
  if (value !== 0 && value === port) {
    throw new ConfigError('OPS_PORT', `must differ from PORT (both are ${port})`);
  }
  return value;
}

/** Where results are kept, and for Redis, its URL (or a Cluster's, comma-separated). */
function storeOf(env: Env) {
  const cacheStore = env.CACHE_STORE?.trim() || 'memory';
  if (cacheStore !== 'memory' && cacheStore !== 'redis' && cacheStore !== 'cache-api') {
    throw new ConfigError(
      'CACHE_STORE',
      `must be 'memory', 'redis' or 'cache-api' (got '${cacheStore}')`,
    );
  }
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (cacheStore === 'redis') {
    if (!redisUrl) throw new ConfigError('REDIS_URL', "is required when CACHE_STORE is 'redis'");
    const urls = flag(env, 'REDIS_CLUSTER') ? redisUrl.split(',') : [redisUrl];
    if (!urls.every((url) => /^rediss?:\/\/[^\s,]+$/.test(url.trim()))) {
      throw new ConfigError(
        'REDIS_URL',
        `must be a redis:// or rediss:// URL, or with REDIS_CLUSTER several, comma-separated (got '${redisUrl}')`,
      );
    }
  }
  return { cacheStore, redisUrl, redisCluster: flag(env, 'REDIS_CLUSTER') } as const;
}

/**
 * The budget of new ids per credential (decision 010): its burst covers a restart with about a
 * thousand files in progress for one credential (all new to the restarted process at once), its
 * rate the files such a credential starts each second.
 */
const NEW_IDS_BURST: Bounds = [2000, 1, 10_000_000];
const NEW_IDS_PER_SECOND: Bounds = [100, 0, 1_000_000];

/**
 * Settings renamed because their meaning changed: the budget they set counted every upstream
 * call, the new one only calls for new ids. Set, an old name would silently mean less
 * protection than its operator chose, so the process stops and names what to set instead.
 */
const RENAMED = {
  UPSTREAM_BUDGET_BURST: ['UPSTREAM_NEW_IDS_BURST', NEW_IDS_BURST],
  UPSTREAM_BUDGET_PER_SECOND: ['UPSTREAM_NEW_IDS_PER_SECOND', NEW_IDS_PER_SECOND],
} as const;

function refuseRenamed(env: Env) {
  for (const [old, [renamed, [fallback]]] of Object.entries(RENAMED)) {
    if (!env[old]?.trim()) continue;
    throw new ConfigError(
      old,
      `is no longer read: it budgeted every upstream call, and the budget now counts only calls for ids a credential has no result for (decision 010). Set ${renamed} instead (default ${fallback}), and unset ${old}`,
    );
  }
}

function secretOf(env: Env): string | undefined {
  const secret = env.CACHE_KEY_SECRET;
  if (secret !== undefined && secret !== '' && secret.length < 16) {
    throw new ConfigError('CACHE_KEY_SECRET', 'must be at least 16 characters long');
  }
  return secret || undefined;
}

function hostOf(env: Env): string {
  const host = env.HOST?.trim() || '127.0.0.1';
  if (/[\s/]/.test(host)) {
    throw new ConfigError('HOST', `is not a host name or address (got '${host}')`);
  }
  return host;
}

export function parseConfig(env: Env): Config {
  // Checked in this order: renamed settings, the store, the secret, the host, then the rest.
  refuseRenamed(env);
  const store = storeOf(env);
  const cacheKeySecret = secretOf(env);
  const host = hostOf(env);
  const port = integer(env, 'PORT', [8787, 0, 65535]);
  return {
    mdssUrl: httpUrl(env, 'MDSS_URL'),
    host,
    port,
    opsPort: opsPort(env, port),
    opsToken: bearerSecret(env, 'OPS_TOKEN'),
    notifySecret: bearerSecret(env, 'MDSS_NOTIFY_SECRET'),
    notifyGapMs: integer(env, 'MDSS_NOTIFY_GAP_MS', [1000, 0, 60_000]),
    cacheTtlSeconds: integer(env, 'CACHE_TTL_SECONDS', [300, 0, 31_536_000]),
    staleIfErrorSeconds: integer(env, 'CACHE_STALE_IF_ERROR_SECONDS', [3600, 0, 31_536_000]),
    cacheKeySecret,
    ignoreUpstreamDirectives: flag(env, 'CACHE_IGNORE_UPSTREAM_DIRECTIVES'),
    upstreamTimeoutMs: integer(env, 'UPSTREAM_TIMEOUT_MS', [10_000, 1, 600_000]),
    upstreamMaxBytes: integer(env, 'UPSTREAM_MAX_BYTES', [5 * MiB, 1024, 1024 * MiB]),
    // Little's law (decision 010): one credential re-polling 1,000 files in progress makes up
    // to 1,000 misses/s; at 100 ms an upstream call, 100 of them are under way at once.
    upstreamMaxInflight: integer(env, 'UPSTREAM_MAX_INFLIGHT', [256, 1, 100_000]),
    upstreamInflightPerCredential: integer(
      env,
      'UPSTREAM_INFLIGHT_PER_CREDENTIAL',
      [128, 1, 100_000],
    ),
    upstreamQueueMs: integer(env, 'UPSTREAM_QUEUE_MS', [1000, 0, 60_000]),
    upstreamNewIdsBurst: integer(env, 'UPSTREAM_NEW_IDS_BURST', NEW_IDS_BURST),
    upstreamNewIdsPerSecond: integer(env, 'UPSTREAM_NEW_IDS_PER_SECOND', NEW_IDS_PER_SECOND),
    streamsPerCredential: integer(env, 'STREAMS_PER_CREDENTIAL', [100, 1, 1_000_000]),
    streamsMax: integer(env, 'STREAMS_MAX', [10_000, 1, 10_000_000]),
    streamMaxSeconds: integer(env, 'STREAM_MAX_SECONDS', [3600, 1, 86_400]),
    streamHeartbeatSeconds: integer(env, 'STREAM_HEARTBEAT_SECONDS', [15, 1, 60]),
    cacheMaxBytes: integer(env, 'CACHE_MAX_BYTES', [64 * MiB, 1024, 64 * 1024 * MiB]),
    ...store,
    storeTimeoutMs: integer(env, 'CACHE_STORE_TIMEOUT_MS', [250, 1, 60_000]),
    headersTimeoutMs: integer(env, 'HEADERS_TIMEOUT_MS', [30_000, 1000, 600_000]),
    // Bun counts its idle timeout in whole seconds, at most 255.
    idleTimeoutMs: integer(env, 'IDLE_TIMEOUT_MS', [5000, 1000, 255_000]),
    metrics: !flag(env, 'METRICS_DISABLED'),
    // OpenTelemetry's own variables (its SDK environment specification).
    tracing: !flag(env, 'OTEL_SDK_DISABLED'),
    otlpEndpoint: httpUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT'),
    serviceName: env.OTEL_SERVICE_NAME?.trim() || 'mdss-proxy',
  };
}
