// The proxy on Bun: `pnpm --filter @mdss-kit/proxy start:bun`. Bun.serve answers fresh hits
// first, then the Hono app; Bun's fetch reaches the upstream; node:crypto (which Bun has)
// derives the keys.
import { boot } from './boot.ts';
import { createNodeKeyDeriver } from './hmac-node.ts';
import { processHost } from './process-host.ts';

// The little of Bun's global this entry uses (bun-types is not a dependency for four lines).
declare const Bun: {
  serve(options: {
    hostname: string;
    port: number;
    fetch: (request: Request) => Response | Promise<Response>;
  }): { hostname: string; port: number; stop(closeActive?: boolean): void };
};

await boot({
  name: 'bun',
  ...processHost,
  createKeyDeriver: createNodeKeyDeriver,
  async serve({ fetch, config }) {
    const server = Bun.serve({ hostname: config.host, port: config.port, fetch });
    return { url: `http://${server.hostname}:${server.port}`, close: () => server.stop(true) };
  },
});
