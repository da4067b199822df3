// One credential flooding the proxy: `concurrency` requests at once for `ids` distinct ids, over
// and over in order, until `until` settles or `maxRequests` have been sent; answers are counted
// by status and their bodies dropped. Runs in the bench process, on the load core.
import { Agent, request } from 'node:http';

export interface FloodOutcome {
  requests: number;
  byStatus: Record<string, number>;
  /** Requests that got no answer (reset, timeout). */
  failed: number;
  seconds: number;
}

export async function flood(
  url: string,
  options: {
    token: string;
    ids: number;
    concurrency: number;
    until: Promise<unknown>;
    maxRequests: number;
  },
): Promise<FloodOutcome> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const { hostname, port } = new URL(url);
  const byStatus: Record<string, number> = {};
  let sent = 0;
  let failed = 0;
  let over = false;
  void options.until.finally(() => {
    over = true;
  });
  const once = (id: number) =>
    new Promise<void>((resolve) => {
      const req = request(
        {
          host: hostname,
          port,
          path: `/api/file/flood-${id}`,
          headers: { authorization: `Bearer ${options.token}` },
          agent,
          timeout: 10_000,
        },
        (res) => {
          const status = String(res.statusCode);
          byStatus[status] = (byStatus[status] ?? 0) + 1;
          res.resume();
          res.once('end', resolve);
          res.once('error', () => resolve());
        },
      );
      req.once('timeout', () => req.destroy());
      req.once('error', () => {
        failed++;
        resolve();
      });
      req.end();
    });
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (!over && sent < options.maxRequests) await once(sent++ % options.ids);
    }),
  );
  agent.destroy();
  return { requests: sent, byStatus, failed, seconds: (performance.now() - t0) / 1000 };
}
