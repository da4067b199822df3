// Start-up shared by the runtimes that run as a process (Node, Bun, Deno): settings read and
// checked once, demo mode when MDSS_URL is unset, the store, batched log lines, fresh hits before
// the router where the store allows them, a clean stop. Each runtime's entry gives only what
// differs: its environment, its server, its best crypto.

import { createKeyDeriver, type KeyDeriver } from '../cache/key.ts';
import { type Config, ConfigError, parseConfig } from '../config.ts';
import { createApp, type ProxyApp } from '../http/app.ts';
import { type DirectPath, withFetchDirectPath } from '../http/direct-path.ts';
import { createLineLog } from '../http/line-log.ts';
import type { HeapReader, ProcessRuntime } from '../observe/process-metrics.ts';
import { createRedisStore } from '../stores/redis.ts';
import { selectStore } from '../stores/select-store.ts';
import type { UpstreamExchange } from '../upstream/request.ts';
import { startDemoUpstream } from './demo-upstream.ts';
import { observability } from './observability.ts';

export interface Served {
  /** The URL it listens on, as http://host:port. */
  url: string;
  close(): void | Promise<void>;
}

export interface Runtime {
  name: ProcessRuntime;
  /** The JavaScript heap as the engine counts it, where `process.memoryUsage()` is false (Bun). */
  jsHeap?: HeapReader;
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
    app: Pick<ProxyApp, 'fetch'>;
    /** The app's fetch, with plain file requests answered before the router. */
    fetch: (request: Request) => Response | Promise<Response>;
    /** For a server that can answer a file request before it builds a Request (node:http). */
    directPath: DirectPath | undefined;
    config: Config;
  }): Promise<Served>;
}

export async function boot(runtime: Runtime): Promise<void> {
  const { log, flush } = createLineLog(runtime.write);
  let config: Config;
  let store: ReturnType<typeof selectStore>;
  try {
    config = parseConfig(runtime.env);
    store = selectStore(
      config,
      { name: runtime.name, caches: runtime.caches, createRedisStore },
      log,
    );
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    runtime.fail(`mdss-proxy: invalid configuration: ${error.message}`);
  }

  const demo = config.mdssUrl
    ? undefined
    : await startDemoUpstream(log, runtime.fail, config.notifySecret);
  const mdssUrl = config.mdssUrl ?? (demo?.url as string);
  const notifySecret = config.notifySecret ?? demo?.notifySecret;
  const observed = await observability(config, { runtime: runtime.name, heap: runtime.jsHeap });
  const app = createApp({
    config: { ...config, mdssUrl, notifySecret },
    store,
    log,
    observers: observed.observers,
    deriveKey: (runtime.createKeyDeriver ?? createKeyDeriver)(config.cacheKeySecret),
    ...(runtime.exchange ? { exchange: runtime.exchange } : {}),
  });
  const { directPath } = app;
  const fetch = directPath ? withFetchDirectPath(app.fetch, directPath) : app.fetch;
  const served = await runtime.serve({ app, fetch, directPath, config });
  demo?.notifyTo(`${served.url}/hooks/mdss`);
  // OPS_PORT: the operations endpoints on a server of their own, with the same deadlines.
  const { operations } = app;
  const opsServed =
    operations &&
    (await runtime.serve({
      app: operations,
      fetch: operations.fetch,
      directPath: undefined,
      config: { ...config, port: config.opsPort ?? 0 },
    }));
  log({
    level: 'info',
    msg: 'mdss-proxy listening',
    runtime: runtime.name,
    url: served.url,
    ...(opsServed ? { opsUrl: opsServed.url } : {}),
    upstream: mdssUrl,
    store: store.kind,
  });
  runtime.onStop(async () => {
    await Promise.all([served.close(), opsServed?.close()]);
    await app.drain();
    await Promise.all([store.close(), demo?.close(), observed.shutdown()]);
    flush();
  });
}
