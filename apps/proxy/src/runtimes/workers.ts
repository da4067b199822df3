// The proxy on Cloudflare Workers (workerd). Settings come from the Worker's bindings (vars),
// the store is chosen as on every runtime (the Web Cache API by wrangler.toml), and the app is
// built once per isolate, on first request. Coalescing works within an isolate, and across the
// fleet with the optional FILE_COORDINATOR Durable Object binding (fleet/durable-object.ts);
// stale-if-error within what that colo's cache still holds. Spans go out one by one, each request
// keeping the isolate alive (`waitUntil`) until those ended by then are sent; there is no /metrics.
import type { ExecutionContext } from 'hono';
import { createKeyDeriver } from '../cache/key.ts';
import { type Config, ConfigError, parseConfig } from '../config.ts';
import {
  type CoordinatorNamespace,
  createDurableObjectFleet,
} from '../fleet/durable-object-client.ts';
import { createApp } from '../http/app.ts';
import { problem } from '../http/problem.ts';
import { createTracing } from '../observe/tracing.ts';
import { selectStore } from '../stores/select-store.ts';
import { exchangeOverFetch } from '../upstream/request.ts';
import { tracerProvider } from './tracer-provider.ts';
import { fetchOnWorkerd } from './workerd-fetch.ts';

export { FileCoordinator } from '../fleet/durable-object.ts';

/** The vars, and the Durable Object namespace when it is bound. */
type Bindings = Record<string, string | undefined> & { FILE_COORDINATOR?: CoordinatorNamespace };
type App = ReturnType<typeof createApp>;

let app: App | Response | undefined;
let flushSpans: (() => Promise<void>) | undefined;

const log = (line: unknown) => console.log(JSON.stringify(line));

function tracing(config: Config) {
  const provider = tracerProvider(config, 'simple');
  if (provider) flushSpans = () => provider.forceFlush();
  return provider?.getTracer('mdss-proxy');
}

/** The app, or the response every request gets while the settings are wrong. */
function build(env: Bindings): App | Response {
  try {
    const config = parseConfig(env);
    if (!config.mdssUrl)
      throw new ConfigError('MDSS_URL', 'is required on Workers (there is no demo mode)');
    if (config.opsPort !== undefined)
      throw new ConfigError('OPS_PORT', 'cannot be served on Workers (one origin): use OPS_TOKEN');
    const coordinator = env.FILE_COORDINATOR;
    // Without a shared secret each isolate keys a credential its own way, and would name an
    // object of its own for it.
    if (coordinator && !config.cacheKeySecret)
      throw new ConfigError('CACHE_KEY_SECRET', 'is required with the FILE_COORDINATOR binding');
    const deriveKey = createKeyDeriver(config.cacheKeySecret);
    return createApp({
      config: { ...config, mdssUrl: config.mdssUrl },
      store: selectStore(config, { name: 'Workers', caches }, log),
      deriveKey,
      exchange: exchangeOverFetch(fetchOnWorkerd),
      fleet: coordinator && createDurableObjectFleet(coordinator, log),
      executionContext: true,
      log,
      observers: config.tracing ? [createTracing(tracing(config))] : [],
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`mdss-proxy: invalid configuration: ${error.message}`);
    const body = problem('internal', 500, `The proxy is misconfigured: ${error.message}.`);
    return new Response(JSON.stringify(body), {
      status: 500,
      headers: { 'content-type': 'application/problem+json' },
    });
  }
}

export default {
  fetch(request: Request, env: Bindings, ctx: ExecutionContext): Response | Promise<Response> {
    app ??= build(env);
    if (app instanceof Response) return app.clone();
    const response = app.fetch(request, env, ctx);
    if (flushSpans) {
      const flush = flushSpans;
      ctx.waitUntil(Promise.resolve(response).then(flush, flush));
    }
    return response;
  },
};
