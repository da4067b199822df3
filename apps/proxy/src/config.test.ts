import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.ts';

describe('parseConfig', () => {
  it('defaults everything but MDSS_URL, whose absence means demo mode', () => {
    expect(parseConfig({})).toEqual({
      mdssUrl: undefined,
      host: '127.0.0.1',
      port: 8787,
      opsPort: undefined,
      opsToken: undefined,
      notifySecret: undefined,
      notifyGapMs: 1000,
      cacheTtlSeconds: 300,
      staleIfErrorSeconds: 3600,
      cacheKeySecret: undefined,
      ignoreUpstreamDirectives: false,
      upstreamTimeoutMs: 10_000,
      upstreamMaxBytes: 5 * 1024 * 1024,
      upstreamMaxInflight: 256,
      upstreamInflightPerCredential: 128,
      upstreamQueueMs: 1000,
      upstreamNewIdsBurst: 2000,
      upstreamNewIdsPerSecond: 100,
      streamsPerCredential: 100,
      streamsMax: 10_000,
      streamMaxSeconds: 3600,
      streamHeartbeatSeconds: 15,
      cacheStore: 'memory',
      cacheMaxBytes: 64 * 1024 * 1024,
      redisUrl: undefined,
      redisCluster: false,
      storeTimeoutMs: 250,
      headersTimeoutMs: 30_000,
      idleTimeoutMs: 5000,
      metrics: true,
      tracing: true,
      otlpEndpoint: undefined,
      serviceName: 'mdss-proxy',
    });
  });

  it('reads every variable', () => {
    const config = parseConfig({
      MDSS_URL: 'https://mdss.example.internal/base/',
      HOST: '0.0.0.0',
      PORT: '9000',
      OPS_PORT: '9100',
      OPS_TOKEN: 'an-operator-token_0123+/=',
      CACHE_TTL_SECONDS: '60',
      CACHE_STALE_IF_ERROR_SECONDS: '0',
      CACHE_KEY_SECRET: '0123456789abcdef',
      CACHE_IGNORE_UPSTREAM_DIRECTIVES: 'true',
      UPSTREAM_TIMEOUT_MS: '2500',
      UPSTREAM_MAX_BYTES: '2048',
      UPSTREAM_MAX_INFLIGHT: '8',
      UPSTREAM_QUEUE_MS: '0',
      UPSTREAM_NEW_IDS_BURST: '10',
      UPSTREAM_NEW_IDS_PER_SECOND: '0',
      CACHE_STORE: 'redis',
      CACHE_MAX_BYTES: '4096',
      REDIS_URL: 'redis://127.0.0.1:6390',
      CACHE_STORE_TIMEOUT_MS: '20',
      HEADERS_TIMEOUT_MS: '1000',
      IDLE_TIMEOUT_MS: '255000',
      METRICS_DISABLED: 'true',
      OTEL_SDK_DISABLED: 'true',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector.internal:4318/',
      OTEL_SERVICE_NAME: 'edge-proxy',
    });
    expect(config).toMatchObject({
      mdssUrl: 'https://mdss.example.internal/base',
      host: '0.0.0.0',
      port: 9000,
      opsPort: 9100,
      opsToken: 'an-operator-token_0123+/=',
      cacheTtlSeconds: 60,
      staleIfErrorSeconds: 0,
      cacheKeySecret: '0123456789abcdef',
      ignoreUpstreamDirectives: true,
      upstreamTimeoutMs: 2500,
      upstreamMaxBytes: 2048,
      upstreamMaxInflight: 8,
      upstreamQueueMs: 0,
      upstreamNewIdsBurst: 10,
      upstreamNewIdsPerSecond: 0,
      cacheStore: 'redis',
      cacheMaxBytes: 4096,
      redisUrl: 'redis://127.0.0.1:6390',
      storeTimeoutMs: 20,
      headersTimeoutMs: 1000,
      idleTimeoutMs: 255_000,
      metrics: false,
      tracing: false,
      otlpEndpoint: 'http://collector.internal:4318',
      serviceName: 'edge-proxy',
    });
  });

  it('reads a Redis Cluster as its seed nodes, comma-separated', () => {
    const config = parseConfig({
      CACHE_STORE: 'redis',
      REDIS_CLUSTER: 'true',
      REDIS_URL: 'redis://10.0.0.1:7000, redis://10.0.0.2:7000',
    });
    expect(config).toMatchObject({
      redisCluster: true,
      redisUrl: 'redis://10.0.0.1:7000, redis://10.0.0.2:7000',
    });
  });

  it.each([
    [
      { CACHE_STORE: 'redis', REDIS_URL: 'redis://a:1,redis://b:2' },
      'REDIS_URL',
      'REDIS_URL must be a redis:// or rediss:// URL, or with REDIS_CLUSTER several',
    ],
    [
      { CACHE_STORE: 'redis', REDIS_CLUSTER: 'true', REDIS_URL: 'redis://a:1,b:2' },
      'REDIS_URL',
      'REDIS_URL must be a redis:// or rediss:// URL, or with REDIS_CLUSTER several',
    ],
    [
      { CACHE_IGNORE_UPSTREAM_DIRECTIVES: 'yes' },
      'CACHE_IGNORE_UPSTREAM_DIRECTIVES',
      "CACHE_IGNORE_UPSTREAM_DIRECTIVES must be 'true' or 'false' (got 'yes')",
    ],
    [{ PORT: 'eighty' }, 'PORT', "PORT must be a whole number from 0 to 65535 (got 'eighty')"],
    [{ PORT: '70000' }, 'PORT', 'PORT must be a whole number from 0 to 65535'],
    [{ PORT: '-1' }, 'PORT', 'PORT must be a whole number'],
    [{ OPS_PORT: '8787' }, 'OPS_PORT', 'OPS_PORT must differ from PORT (both are 8787)'],
    [{ OPS_PORT: 'metrics' }, 'OPS_PORT', 'OPS_PORT must be a whole number from 0 to 65535'],
    [{ OPS_TOKEN: 'too-short' }, 'OPS_TOKEN', 'OPS_TOKEN must be a bearer token of at least 16'],
    [
      { MDSS_NOTIFY_SECRET: 'too-short' },
      'MDSS_NOTIFY_SECRET',
      'MDSS_NOTIFY_SECRET must be a bearer token of at least 16',
    ],
    [
      { MDSS_NOTIFY_GAP_MS: '-5' },
      'MDSS_NOTIFY_GAP_MS',
      'MDSS_NOTIFY_GAP_MS must be a whole number',
    ],
    [
      { OPS_TOKEN: 'sixteen or more, with spaces' },
      'OPS_TOKEN',
      'OPS_TOKEN must be a bearer token',
    ],
    [{ CACHE_TTL_SECONDS: '1.5' }, 'CACHE_TTL_SECONDS', 'CACHE_TTL_SECONDS must be a whole number'],
    [
      { UPSTREAM_TIMEOUT_MS: '0' },
      'UPSTREAM_TIMEOUT_MS',
      'UPSTREAM_TIMEOUT_MS must be a whole number from 1',
    ],
    [
      { UPSTREAM_MAX_BYTES: '10' },
      'UPSTREAM_MAX_BYTES',
      'UPSTREAM_MAX_BYTES must be a whole number from 1024',
    ],
    [
      { MDSS_URL: 'mdss.local' },
      'MDSS_URL',
      "MDSS_URL must be an absolute http(s) URL (got 'mdss.local')",
    ],
    [{ MDSS_URL: 'ftp://mdss.local' }, 'MDSS_URL', 'MDSS_URL must use http or https'],
    [{ MDSS_URL: 'https://u:p@mdss.local' }, 'MDSS_URL', 'MDSS_URL must not carry credentials'],
    [
      { MDSS_URL: 'https://mdss.local/?x=1' },
      'MDSS_URL',
      'MDSS_URL must not carry credentials, a query',
    ],
    [
      { CACHE_STORE: 'disk' },
      'CACHE_STORE',
      "CACHE_STORE must be 'memory', 'redis' or 'cache-api' (got 'disk')",
    ],
    [{ CACHE_STORE: 'redis' }, 'REDIS_URL', "REDIS_URL is required when CACHE_STORE is 'redis'"],
    [
      { CACHE_STORE: 'redis', REDIS_URL: 'localhost:6379' },
      'REDIS_URL',
      'REDIS_URL must be a redis:// or rediss:// URL',
    ],
    [
      { CACHE_KEY_SECRET: 'short' },
      'CACHE_KEY_SECRET',
      'CACHE_KEY_SECRET must be at least 16 characters long',
    ],
    [{ HOST: 'a b' }, 'HOST', 'HOST is not a host name or address'],
    [
      { HEADERS_TIMEOUT_MS: '500' },
      'HEADERS_TIMEOUT_MS',
      'HEADERS_TIMEOUT_MS must be a whole number from 1000 to 600000',
    ],
    [
      { IDLE_TIMEOUT_MS: '256000' },
      'IDLE_TIMEOUT_MS',
      'IDLE_TIMEOUT_MS must be a whole number from 1000 to 255000',
    ],
    [{ METRICS_DISABLED: 'no' }, 'METRICS_DISABLED', "METRICS_DISABLED must be 'true' or 'false'"],
    [
      { UPSTREAM_BUDGET_BURST: '600' },
      'UPSTREAM_BUDGET_BURST',
      'UPSTREAM_BUDGET_BURST is no longer read: it budgeted every upstream call, and the budget now counts only calls for ids a credential has no result for (decision 010). Set UPSTREAM_NEW_IDS_BURST instead (default 2000), and unset UPSTREAM_BUDGET_BURST',
    ],
    [
      // Renamed even beside its new name: an operator who set both means the old meaning too.
      { UPSTREAM_BUDGET_PER_SECOND: '0', UPSTREAM_NEW_IDS_PER_SECOND: '0' },
      'UPSTREAM_BUDGET_PER_SECOND',
      'Set UPSTREAM_NEW_IDS_PER_SECOND instead (default 100), and unset UPSTREAM_BUDGET_PER_SECOND',
    ],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://collector:4317' },
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      "OTEL_EXPORTER_OTLP_ENDPOINT must use http or https (got 'grpc:')",
    ],
  ])('rejects %o, naming %s', (env, variable, message) => {
    let error: unknown;
    try {
      parseConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toContain(message);
  });
});
