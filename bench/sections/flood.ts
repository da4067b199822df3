// One credential flooding the proxy with distinct ids while other credentials' cache hits are
// measured: what the proxy's default limits keep for the others.
import { flood } from '../flood.ts';
import { fmt } from '../format.ts';
import { wrk } from '../load.ts';
import { cpuSecondsOf } from '../process-usage.ts';
import { startProxy, startUpstream } from '../servers.ts';
import { HIT_SECONDS } from '../settings.ts';
import { stop, track } from '../started.ts';

/**
 * The others: `credentials` credentials with `idsEach` cached entries each. The flood: one
 * credential asking for `ids` distinct ids, `concurrency` at once. The upstream answers in
 * `upstreamMs`.
 */
const FLOOD = { upstreamMs: 30, credentials: 10, idsEach: 10, ids: 10_000, concurrency: 200 };

type Load = Awaited<ReturnType<typeof wrk>>;

function print(
  alone: Load & { proxyCpuSeconds: number },
  during: Load & { proxyCpuSeconds: number },
  outcome: Awaited<ReturnType<typeof flood>> & { upstreamCalls: number },
) {
  const { upstreamMs, credentials, idsEach, ids, concurrency } = FLOOD;
  console.log(
    `\nFlood: ${credentials} other credentials' cache hits (${credentials * idsEach} entries, wrk -t1 -c32 -d${HIT_SECONDS}s), alone and while one credential asks for ${fmt(ids)} distinct ids, ${concurrency} at once, over and over; upstream answers in ${upstreamMs} ms; default limits`,
  );
  console.log(
    "| other credentials' hits | req/s | p50 ms | p99 ms | errors | the proxy's CPU |\n|---|---:|---:|---:|---:|---:|",
  );
  for (const [name, r] of [
    ['alone', alone],
    ['during the flood', during],
  ] as const) {
    console.log(
      `| ${name} | ${fmt(r.rps)} | ${fmt(r.p50ms, 2)} | ${fmt(r.p99ms, 2)} | ${r.errors + r.non2xx} | ${fmt((100 * r.proxyCpuSeconds) / HIT_SECONDS)} % |`,
    );
  }
  console.log(
    `\n| the flood | requests | req/s | 200 (its own hits included) | 429 | 503 | other | no answer | upstream calls |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|`,
  );
  const { 200: ok = 0, 429: limited = 0, 503: busy = 0, ...rest } = outcome.byStatus;
  const other = Object.values(rest).reduce((a, b) => a + b, 0);
  console.log(
    `| 1 credential, ${fmt(ids)} ids | ${fmt(outcome.requests)} | ${fmt(outcome.requests / outcome.seconds)} | ${fmt(ok)} | ${fmt(limited)} | ${fmt(busy)} | ${fmt(other)} | ${fmt(outcome.failed)} | ${fmt(outcome.upstreamCalls)} |`,
  );
  console.log(
    `\nDuring the flood: hits ${fmt(during.rps / alone.rps, 2)}× the req/s alone, p50 ${fmt(during.p50ms / alone.p50ms, 2)}×, p99 ${fmt(during.p99ms / alone.p99ms, 2)}×`,
  );
}

export async function floodSection() {
  const { upstreamMs, credentials, idsEach, ids, concurrency } = FLOOD;
  const upstream = await track(startUpstream({ delayMs: upstreamMs }));
  // The proxy's own limits at their defaults: UPSTREAM_MAX_INFLIGHT 256, 128 per credential
  // (queue 1 s, then 503), a budget of 2,000 new ids per credential, then 100/s (then 429).
  const proxy = await track(startProxy('node', upstream.url));
  const others = Array.from({ length: credentials * idsEach }, (_, i) => ({
    token: `other-credential-${i % credentials}`,
    path: `/api/file/other-${Math.floor(i / credentials)}`,
  }));
  for (const { token, path } of others)
    await (await fetch(proxy.url + path, { headers: { authorization: `Bearer ${token}` } })).text();
  const hitsOf = () => wrk(proxy.url, { connections: 32, seconds: HIT_SECONDS, rotate: others });
  await wrk(proxy.url, { connections: 32, seconds: 2, rotate: others });

  const callsBefore = await upstream.calls();
  let cpu = await cpuSecondsOf(proxy.pid);
  const alone = await hitsOf();
  const cpuAlone = (await cpuSecondsOf(proxy.pid)) - cpu;
  const callsAlone = (await upstream.calls()) - callsBefore;
  cpu = await cpuSecondsOf(proxy.pid);
  const measured = hitsOf();
  const flooded = flood(proxy.url, {
    token: 'flooding-credential',
    ids,
    concurrency,
    until: measured,
    maxRequests: 5_000_000,
  });
  const [during, outcome] = await Promise.all([measured, flooded]);
  const cpuDuring = (await cpuSecondsOf(proxy.pid)) - cpu;
  const callsFlood = (await upstream.calls()) - callsBefore - callsAlone;
  for (const server of [proxy, upstream]) await stop(server);

  const figures = {
    upstreamMs,
    credentials,
    entries: credentials * idsEach,
    alone: { ...alone, upstreamCalls: callsAlone, proxyCpuSeconds: cpuAlone },
    duringFlood: { ...during, proxyCpuSeconds: cpuDuring },
    flood: { ids, concurrency, ...outcome, upstreamCalls: callsFlood },
    ratios: {
      rps: during.rps / alone.rps,
      p50: during.p50ms / alone.p50ms,
      p99: during.p99ms / alone.p99ms,
    },
  };
  print(figures.alone, figures.duringFlood, figures.flood);
  return { flood: figures };
}
