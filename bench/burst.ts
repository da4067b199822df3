// Bursts of requests all at once on raw keep-alive sockets, and what a burst of misses for one
// (token, id) costs: the coalescing and fleet sections measure with them.
import { once } from 'node:events';
import { connect } from 'node:net';
import { TOKEN } from './settings.ts';

/**
 * `count` requests for `path` at once, round robin over `urls`, on raw keep-alive sockets opened
 * beforehand, each sending one pre-built request and timing its first response byte (a
 * fetch-based client spends more than the proxy does). The times, in ms from the first write.
 */
async function burst(urls: string[], path: string, count = 200) {
  const sockets = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const { hostname, port } = new URL(urls[i % urls.length] ?? '');
      const socket = connect(Number(port), hostname);
      await once(socket, 'connect');
      socket.setNoDelay(true);
      return { socket, hostname };
    }),
  );
  const t0 = performance.now();
  const times = await Promise.all(
    sockets.map(async ({ socket, hostname }) => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${TOKEN}\r\n\r\n`,
      );
      await once(socket, 'data');
      return performance.now() - t0;
    }),
  );
  for (const { socket } of sockets) socket.destroy();
  return times;
}

/**
 * Misses for one (token, id) all at once over `urls` (one proxy, or a fleet): the upstream calls
 * they cost, the slowest waiter, and the same burst again (all hits) as the floor.
 */
export async function coalesce(
  urls: string[],
  name: string,
  upstream: { calls(): Promise<number> },
  count = 200,
) {
  const tag = name.replace(/\W/g, '');
  // A first burst warms the JIT on a different id; the second is measured.
  await burst(urls, `/api/file/warm-${tag}`, count);
  const before = await upstream.calls();
  const times = await burst(urls, `/api/file/coalesce-${tag}`, count);
  const calls = (await upstream.calls()) - before;
  // The same burst again is all hits: how long the answers take this client to receive alone.
  const floor = Math.max(...(await burst(urls, `/api/file/coalesce-${tag}`, count)));
  return { upstreamCalls: calls, slowestMs: Math.max(...times), hitBurstMs: floor };
}
