// Start-up shared by the runtimes that run as a process (Node, Bun, Deno): settings read and
// checked once, demo mode when MDSS_URL is unset, the store, batched log lines, a clean stop.
// Each runtime's entry gives only what differs: its environment, its server, its best crypto.
import { createApp } from '../app.ts';
import { createKeyDeriver, type KeyDeriver } from '../cache-key.ts';
import { type Config, ConfigError, parseConfig } from '../config.ts';
import { withFetchDirectHits } from '../direct-hits.ts';
import { createLineLog, type LogLine } from '../line-log.ts';
import { createCacheApiStore } from '../stores/cache-api.ts';
import { storeFromConfig } from '../stores/from-config.ts';
import type { CacheStore } from '../stores/store.ts';
import type { UpstreamExchange } from '../upstream.ts';

export interface Served {
  /** The URL it listens on, as http://host:port. */
  url: string;
  close(): void | Promise<void>;
}

export interface Runtime {
  name: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Writes to standard output. */
  write(text: string): void;
  /** Says why on standard error and exits with 1. */
  fail(message: string): never;
  /** Runs `stop` on SIGINT and SIGTERM, then exits. */
  onStop(stop: () => Promise<void>): void;
  createKeyDeriver?: (secret: string | undefined) => KeyDeriver;
  exchange?: UpstreamExchange;
  /** The Web Cache API, where the runtime has one (CACHE_STORE=cache-api). */
  caches?: CacheStorage;
  serve(parts: {
    app: ReturnType<typeof createApp>;
    /** The app's fetch, with fresh hits of a synchronous store answered first. */
    fetch: (request: Request) => Response | Promise<Response>;
    config: Config;
    store: CacheStore;
    deriveKey: KeyDeriver;
    log: (line: LogLine) => void;
  }): Promise<Served>;
}

export async function boot(runtime: Runtime): Promise<void> {
  const { log, flush } = createLineLog(runtime.write);
  let config: Config;
  try {
    config = parseConfig(runtime.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    runtime.fail(`mdss-proxy: invalid configuration: ${error.message}`);
  }
  if (config.cacheStore === 'cache-api' && !runtime.caches) {
    runtime.fail(
      `mdss-proxy: invalid configuration: CACHE_STORE 'cache-api' is not available on ${runtime.name}`,
    );
  }

  let mdssUrl = config.mdssUrl;
  let closeMock = async () => {};
  if (!mdssUrl) {
    const { startMockServer, demoIds } = await import('@mdss-kit/mock/server');
    const mock = await startMockServer({ port: 0 });
    ({ url: mdssUrl } = mock);
    closeMock = mock.close;
    log({
      level: 'info',
      msg: 'demo mode: MDSS_URL is not set, so the built-in mock MDSS answers as the upstream',
      upstream: mdssUrl,
      demoIds,
      webPage: 'VITE_MDSS_MODE=proxy pnpm --filter @mdss-kit/web dev',
    });
  }

  const store =
    config.cacheStore === 'cache-api' && runtime.caches
      ? createCacheApiStore(runtime.caches.open('mdss-proxy'))
      : storeFromConfig(config, log);
  const deriveKey = (runtime.createKeyDeriver ?? createKeyDeriver)(config.cacheKeySecret);
  const app = createApp({
    config: { ...config, mdssUrl },
    store,
    log,
    deriveKey,
    ...(runtime.exchange ? { exchange: runtime.exchange } : {}),
  });
  // Direct hits need a synchronous store: the memory one.
  const fetch =
    store.kind === 'memory'
      ? withFetchDirectHits(app.fetch, { deriveKey, store, now: Date.now, log })
      : app.fetch;
  const served = await runtime.serve({ app, fetch, config, store, deriveKey, log });
  log({
    level: 'info',
    msg: 'mdss-proxy listening',
    runtime: runtime.name,
    url: served.url,
    upstream: mdssUrl,
    store: store.kind,
  });
  runtime.onStop(async () => {
    await served.close();
    await app.drain();
    await Promise.all([store.close(), closeMock()]);
    flush();
  });
}
