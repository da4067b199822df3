// The proxy on Node: `pnpm start`. Without MDSS_URL it runs in demo mode, in front of the
// built-in mock MDSS server, so the quick start works with no MDSS at hand.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createApp } from '../app.ts';
import { ConfigError, parseConfig } from '../config.ts';
import { createLineLog } from '../line-log.ts';
import { storeFromConfig } from '../stores/from-config.ts';
import { createNodeKeyDeriver } from './hmac-node.ts';
import { withDirectHits } from './node-direct-hits.ts';
import { createNodeUpstreamFetch } from './node-upstream-fetch.ts';

const { log, flush } = createLineLog((text) => process.stdout.write(text));

let config: ReturnType<typeof parseConfig>;
try {
  config = parseConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`mdss-proxy: invalid configuration: ${error.message}`);
  process.exit(1);
}

/** MDSS_URL, or in demo mode the built-in mock MDSS started on a free port. */
async function upstream(mdssUrl: string | undefined) {
  if (mdssUrl) return { url: mdssUrl, close: async () => {} };
  const { startMockServer, demoIds } = await import('@mdss-kit/mock/server');
  const mock = await startMockServer({ port: 0 });
  log({
    level: 'info',
    msg: 'demo mode: MDSS_URL is not set, so the built-in mock MDSS answers as the upstream',
    upstream: mock.url,
    demoIds,
  });
  return mock;
}

const { url: mdssUrl, close: closeUpstream } = await upstream(config.mdssUrl);
const store = storeFromConfig(config, log);
const deriveKey = createNodeKeyDeriver(config.cacheKeySecret);
const app = createApp({
  config: { ...config, mdssUrl },
  store,
  log,
  deriveKey,
  fetch: createNodeUpstreamFetch(),
});
const listener = getRequestListener(app.fetch);
// Direct hits need a synchronous store: the memory one.
const server = createServer(
  store.kind === 'memory'
    ? withDirectHits(listener, { deriveKey, store, now: Date.now, log })
    : listener,
);
server.listen(config.port, config.host, () => {
  const { address, port } = server.address() as AddressInfo;
  log({
    level: 'info',
    msg: 'mdss-proxy listening',
    url: `http://${address}:${port}`,
    upstream: mdssUrl,
    store: store.kind,
  });
});

async function shutdown() {
  server.close();
  await Promise.all([store.close(), closeUpstream()]);
  flush();
  process.exit(0);
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
