// The cases users have (issue 28 §3, decision 010), each against a proxy on Node at its default
// settings, freshly started (as after a restart: every id new to it), and with BENCH_BASELINE
// the baseline's proxy at its own defaults, in the same sitting: (a) one backend key polling
// 1,000 files in progress once a second each, (b) 20 browser users' JWTs polling 50 files each
// once a second, (c) one credential asking ids nobody asked before as fast as it can, and one
// re-asking a few ids MDSS does not know.
import { loadavg } from 'node:os';
import { fmt } from '../format.ts';
import { type Ask, closedLoop, openLoop, type PollsOutcome } from '../polls.ts';
import { baselineProxyDir, startProxy, startUpstream } from '../servers.ts';
import { stop, track } from '../started.ts';

/** How long the upstream takes: the top of MDSS's tens to ~100 ms for the pollers, a quick no for the floods. */
const POLLED_UPSTREAM_MS = 100;
const FLOOD_UPSTREAM_MS = 20;

/** Each of `files` asked once a second for `seconds`, their seconds staggered evenly. */
function everySecond(files: readonly Ask[], seconds: number) {
  return Array.from({ length: seconds }, (_, second) =>
    files.map((ask, i) => ({ atMs: second * 1000 + (i * 1000) / files.length, ask })),
  ).flat();
}

/** A JWT-shaped token (its `exp` an hour away), as a browser user's would be. */
function jwtLike(user: number): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ sub: `user-${user}`, exp })}.${'s'.repeat(43)}`;
}

const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

interface LimitCase {
  name: string;
  upstreamMs: number;
  run(url: string): Promise<PollsOutcome>;
}

const backend = 'backend-api-key-0123456789abcdef';
const cases: LimitCase[] = [
  {
    name: '(a) 1 backend key, 1,000 files in progress, each polled 1/s, 10 s',
    upstreamMs: POLLED_UPSTREAM_MS,
    run: (url) =>
      openLoop(
        url,
        everySecond(
          Array.from({ length: 1000 }, (_, i) => ({ token: backend, path: `/api/file/a-${i}` })),
          10,
        ),
      ),
  },
  {
    name: '(b) 20 JWTs × 50 files in progress, each polled 1/s, 10 s',
    upstreamMs: POLLED_UPSTREAM_MS,
    run: (url) => {
      const users = Array.from({ length: 20 }, (_, user) => jwtLike(user));
      const files = users.flatMap((token) =>
        Array.from({ length: 50 }, (_, i) => ({ token, path: `/api/file/b-${i}` })),
      );
      return openLoop(url, everySecond(files, 10));
    },
  },
  {
    name: '(c) 1 key asking new ids, 32 at once, 10 s',
    upstreamMs: FLOOD_UPSTREAM_MS,
    run: (url) =>
      closedLoop(url, {
        workers: 32,
        next: (n) => ({ token: 'flooding-key', path: `/api/file/new-${n}` }),
        until: sleep(10),
      }),
  },
  {
    // Long enough for the burst to run out: single flight holds the loop to 8 calls under way.
    name: '(c) 1 key re-asking 8 ids MDSS answers 404, 32 at once, 30 s',
    upstreamMs: FLOOD_UPSTREAM_MS,
    run: (url) =>
      closedLoop(url, {
        workers: 32,
        next: (n) => ({ token: 'looping-key', path: `/api/file/missing-${n % 8}` }),
        until: sleep(30),
      }),
  },
];

/** One case against a fresh upstream and a fresh proxy from `dir` (undefined: this checkout's). */
async function measure(limitCase: LimitCase, dir: string | undefined) {
  const upstream = await track(startUpstream({ delayMs: limitCase.upstreamMs, state: 'storm' }));
  const proxy = await track(startProxy('node', upstream.url, {}, dir ? { dir } : {}));
  await upstream.peakInflight();
  const outcome = await limitCase.run(proxy.url);
  const upstreamCalls = await upstream.calls();
  const upstreamPeakInflight = await upstream.peakInflight();
  for (const server of [proxy, upstream]) await stop(server);
  return {
    ...outcome,
    upstreamCalls,
    upstreamCallsPerSecond: upstreamCalls / outcome.seconds,
    upstreamPeakInflight,
  };
}

type Measured = Awaited<ReturnType<typeof measure>>;

function row(proxy: string, m: Measured) {
  const share = (n: number) => `${fmt((100 * n) / m.requests, 1)} %`;
  const { byStatus: s } = m;
  const counted = (s[200] ?? 0) + (s[404] ?? 0) + (s[429] ?? 0) + (s[503] ?? 0);
  return `| ${proxy} | ${fmt(m.requests)} | ${fmt(m.p50ms, 1)} | ${fmt(m.p99ms, 1)} | ${share(s[200] ?? 0)} | ${share(s[404] ?? 0)} | ${share(s[429] ?? 0)} | ${share(s[503] ?? 0)} | ${fmt(m.requests - counted)} | ${fmt(m.upstreamCallsPerSecond)} | ${fmt(m.upstreamPeakInflight)} |`;
}

export async function limitCases() {
  console.log(
    `\nLimit cases: the proxy on Node at its default settings, freshly started, ${baselineProxyDir ? 'beside the baseline (BENCH_BASELINE) at its defaults' : 'alone (set BENCH_BASELINE for the baseline beside it)'}; upstream answers in ${POLLED_UPSTREAM_MS} ms to the pollers, ${FLOOD_UPSTREAM_MS} ms to the floods; client latency from when each poll was due (open loop) or sent (floods)`,
  );
  console.log(
    '| case | proxy | requests | p50 ms | p99 ms | 200 | 404 | 429 | 503 | other | upstream calls/s | upstream peak in flight |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  const results: Record<string, Record<string, Measured>> = {};
  // A shared machine's other work shows in the latencies: its load is printed with them.
  const load = () =>
    loadavg()
      .map((n) => fmt(n, 1))
      .join(' ');
  const loadAtStart = load();
  for (const limitCase of cases) {
    const measured: Record<string, Measured> = { proxy: await measure(limitCase, undefined) };
    if (baselineProxyDir) measured.baseline = await measure(limitCase, baselineProxyDir);
    for (const [proxy, m] of Object.entries(measured)) {
      console.log(`| ${limitCase.name} ${row(proxy, m)}`);
    }
    results[limitCase.name] = measured;
  }
  console.log(`load average at the start: ${loadAtStart}; at the end: ${load()}`);
  return {
    limitCases: { pollUpstreamMs: POLLED_UPSTREAM_MS, floodUpstreamMs: FLOOD_UPSTREAM_MS, results },
  };
}
