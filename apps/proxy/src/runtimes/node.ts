// The proxy on Node: `pnpm start`. Fresh hits are answered straight on node:http, the upstream
// is reached through a keep-alive node:http agent, and the cache key uses node:crypto.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { boot } from './boot.ts';
import { createNodeKeyDeriver } from './hmac-node.ts';
import { withDirectHits } from './node-direct-hits.ts';
import { createNodeExchange } from './node-exchange.ts';
import { processHost } from './process-host.ts';

await boot({
  name: 'node',
  ...processHost,
  createKeyDeriver: createNodeKeyDeriver,
  exchange: createNodeExchange(),
  async serve({ app, directHit, config }) {
    const listener = getRequestListener(app.fetch);
    const server = createServer(directHit ? withDirectHits(listener, directHit) : listener);
    await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
    const { address, port } = server.address() as AddressInfo;
    return { url: `http://${address}:${port}`, close: () => void server.close() };
  },
});
