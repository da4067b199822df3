// What open event streams cost the proxy on Node: its memory, its CPU with no requests, and the
// latency of a cheap request, with none and with 10,000 idle streams.
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { fmt, MiB } from '../format.ts';
import { wrk } from '../load.ts';
import { cpuSecondsOf, residentOf } from '../process-usage.ts';
import { startProxy, startUpstream } from '../servers.ts';
import { stop, track } from '../started.ts';
import { openIdleStreams } from '../streams.ts';

const STREAMS = 10_000;
/** One heartbeat period: every stream writes one heartbeat in the window. */
const SECONDS = 15;

/** Each stream is a socket in this process and one in the proxy, which inherits this limit. */
async function checkOpenFilesLimit() {
  const limits = await readFile('/proc/self/limits', 'utf8');
  const openFiles = Number(/^Max open files\s+(\d+)/m.exec(limits)?.[1] ?? 0);
  if (openFiles < STREAMS + 1000) {
    throw new Error(`idleStreams needs ulimit -n of ${STREAMS + 1000} or more; it is ${openFiles}`);
  }
}

/**
 * What open streams cost the proxy on Node: its RSS, and the latency of a cheap request
 * (/healthz, one connection, so a request waits on the event loop rather than on other requests),
 * with none and with 10,000 idle streams (files the upstream keeps in progress; 20 credentials,
 * 100 files, so 100 watches poll the upstream underneath, as in the storm).
 */
export async function idleStreams() {
  await checkOpenFilesLimit();
  const upstream = await track(startUpstream({ state: 'storm' }));
  const proxy = await track(
    startProxy('node', upstream.url, {
      STREAMS_MAX: '20000',
      STREAMS_PER_CREDENTIAL: '20000',
    }),
  );
  const healthz = (s = SECONDS) => wrk(`${proxy.url}/healthz`, { connections: 1, seconds: s });
  await healthz(2);
  // The proxy's CPU over one heartbeat period with no requests, then /healthz's latency.
  const measure = async () => {
    const rss = (await residentOf(proxy.pid)).rss;
    const calls = await upstream.calls();
    const cpu = await cpuSecondsOf(proxy.pid);
    await sleep(SECONDS * 1000);
    const quietCpu = ((await cpuSecondsOf(proxy.pid)) - cpu) / SECONDS;
    const upstreamCallsPerSecond = ((await upstream.calls()) - calls) / SECONDS;
    return { rssBytes: rss, quietCpu, upstreamCallsPerSecond, ...(await healthz()) };
  };
  const none = await measure();
  const held = await openIdleStreams(
    proxy.url,
    STREAMS,
    (i) => ({ path: `/api/file/idle-${i % 100}/events`, token: `idle-tenant-${i % 20}` }),
    { concurrency: 100, timeoutMs: 10_000, deadlineMs: 120_000 },
  );
  await sleep(2000);
  const opened = held.open.length;
  const withStreams = await measure();
  const stillOpen = held.stillOpen();
  const peakRssBytes = (await residentOf(proxy.pid)).peak;
  held.close();
  for (const server of [proxy, upstream]) await stop(server);

  const figures = {
    streams: STREAMS,
    opened,
    refused: held.refused,
    openedInMs: held.openedInMs,
    stillOpenAfter: stillOpen,
    none,
    withStreams,
    rssPerStreamBytes: (withStreams.rssBytes - none.rssBytes) / opened,
    peakRssBytes,
  };
  print(figures);
  return { idleStreams: figures };
}

type Measured = Awaited<ReturnType<typeof wrk>> & {
  rssBytes: number;
  quietCpu: number;
  upstreamCallsPerSecond: number;
};

function print(figures: {
  opened: number;
  refused: Record<string, number>;
  openedInMs: number;
  stillOpenAfter: number;
  none: Measured;
  withStreams: Measured;
  rssPerStreamBytes: number;
  peakRssBytes: number;
}) {
  const { opened, refused, openedInMs, stillOpenAfter, none, withStreams } = figures;
  const { rssPerStreamBytes, peakRssBytes } = figures;
  console.log(
    `\nIdle streams: the proxy on Node with none and with ${fmt(STREAMS)} open event streams (20 credentials, 100 files in progress for good); the proxy's CPU over ${SECONDS} s without requests, then /healthz from wrk -t1 -c1 -d${SECONDS}s`,
  );
  console.log(
    "| open streams | proxy RSS MiB | the proxy's CPU, no requests | upstream calls/s | /healthz req/s | p50 ms | p99 ms | max ms | errors |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const [name, r] of [
    ['none', none],
    [fmt(opened), withStreams],
  ] as const) {
    console.log(
      `| ${name} | ${fmt(r.rssBytes / MiB)} | ${fmt(100 * r.quietCpu, 1)} % | ${fmt(r.upstreamCallsPerSecond)} | ${fmt(r.rps)} | ${fmt(r.p50ms, 2)} | ${fmt(r.p99ms, 2)} | ${fmt(r.maxMs, 2)} | ${r.errors + r.non2xx} |`,
    );
  }
  console.log(
    `\nOpened ${fmt(opened)} of ${fmt(STREAMS)} in ${fmt(openedInMs / 1000, 1)} s (refused: ${JSON.stringify(refused)}); ${fmt(stillOpenAfter)} still open after the measurement; RSS ${fmt(rssPerStreamBytes / 1024, 1)} KiB per stream, peak ${fmt(peakRssBytes / MiB)} MiB`,
  );
}
