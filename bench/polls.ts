// Load from the bench process (on the load core) that a wrk script does not shape: requests sent
// on a schedule whatever the answers take (an open loop: a poller's second does not wait for the
// proxy), and workers that ask again as soon as they are answered (a closed loop: a flood). Each
// answer is counted by status, its latency kept and its body dropped.
import { Agent, request } from 'node:http';

/** One request: whose, and for what. */
export interface Ask {
  token: string;
  path: string;
}

export interface PollsOutcome {
  requests: number;
  byStatus: Record<string, number>;
  /** Requests that got no answer (reset, timeout). */
  failed: number;
  seconds: number;
  /** From when each was due (open loop) or sent (closed loop) to its last byte. */
  p50ms: number;
  p99ms: number;
}

/** The status of one GET once its body is read; 0 for no answer within 10 s. */
function get(agent: Agent, url: URL, { token, path }: Ask): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        headers: { authorization: `Bearer ${token}` },
        agent,
        timeout: 10_000,
      },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', () => resolve(0));
      },
    );
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(0));
    req.end();
  });
}

/** Statuses and latencies as they come, and what they come to. */
function tally() {
  const byStatus: Record<string, number> = {};
  const latencies: number[] = [];
  let failed = 0;
  return {
    record(status: number, ms: number) {
      latencies.push(ms);
      if (status === 0) failed++;
      else byStatus[status] = (byStatus[status] ?? 0) + 1;
    },
    outcome(seconds: number): PollsOutcome {
      const sorted = Float64Array.from(latencies).sort();
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
      return {
        requests: latencies.length,
        byStatus,
        failed,
        seconds,
        p50ms: at(0.5) ?? 0,
        p99ms: at(0.99) ?? 0,
      };
    },
  };
}

/**
 * Sends each ask at its `atMs` from the start, whatever the answers before it take; latency runs
 * from when it was due, so a slow answer is never hidden by a request sent late. `warm`
 * connections are opened first (`GET /healthz`), as a poller's pool holds them: a thousand
 * connections opened in the first second would measure the kernel's accept queue (a SYN it
 * drops is sent again 1 s, then 3 s later), not the proxy.
 */
export async function openLoop(
  url: string,
  schedule: readonly { atMs: number; ask: Ask }[],
  warm = 256,
): Promise<PollsOutcome> {
  // Enough connections for a second's polls held a second each (a spent budget's 429 is), yet
  // bounded: past it a poll waits for a connection, and that wait counts in its latency.
  const agent = new Agent({ keepAlive: true, maxSockets: 2048 });
  const target = new URL(url);
  await Promise.all(
    Array.from({ length: warm }, () => get(agent, target, { token: '', path: '/healthz' })),
  );
  const counted = tally();
  const answered: Promise<void>[] = [];
  const t0 = performance.now();
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now() - t0;
      for (let due = schedule[next]; due && due.atMs <= now; due = schedule[++next]) {
        const dueAt = t0 + due.atMs;
        answered.push(
          get(agent, target, due.ask).then((status) =>
            counted.record(status, performance.now() - dueAt),
          ),
        );
      }
      if (next < schedule.length) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  await Promise.all(answered);
  agent.destroy();
  return counted.outcome((performance.now() - t0) / 1000);
}

/**
 * `workers` at once, each asking `next(n)` (n counts every request sent) as soon as its last
 * was answered, until `until` settles or `maxRequests` have been sent.
 */
export async function closedLoop(
  url: string,
  options: {
    workers: number;
    next: (n: number) => Ask;
    until: Promise<unknown>;
    maxRequests?: number;
  },
): Promise<PollsOutcome> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.workers });
  const target = new URL(url);
  const counted = tally();
  const maxRequests = options.maxRequests ?? Number.POSITIVE_INFINITY;
  let sent = 0;
  let over = false;
  void options.until.finally(() => {
    over = true;
  });
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: options.workers }, async () => {
      while (!over && sent < maxRequests) {
        const started = performance.now();
        const status = await get(agent, target, options.next(sent++));
        counted.record(status, performance.now() - started);
      }
    }),
  );
  agent.destroy();
  return counted.outcome((performance.now() - t0) / 1000);
}
