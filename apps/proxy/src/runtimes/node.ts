// The proxy on Node: `pnpm start`. Fresh hits are answered straight on node:http, the upstream
// is reached through a keep-alive node:http agent, and the cache key uses node:crypto.
import { boot } from './boot.ts';
import { createNodeKeyDeriver } from './hmac-node.ts';
import { createNodeExchange } from './node-exchange.ts';
import { serveOnNodeHttp } from './node-http-server.ts';
import { processHost } from './process-host.ts';

await boot({
  name: 'node',
  ...processHost,
  createKeyDeriver: createNodeKeyDeriver,
  exchange: createNodeExchange(),
  serve: serveOnNodeHttp(),
});
