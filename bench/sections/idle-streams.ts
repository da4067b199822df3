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

/**
 * What open streams cost the proxy on Node: its RSS, and the latency of a cheap request
 * (/healthz, one connection, so a request waits on the event loop rather than on other requests),
 * with none and with 10,000 idle streams (files the upstream keeps in progress; 20 credentials,
 * 100 files, so 100 watches poll the upstream underneath, as in the storm).
 */
export async function idleStreams() {
  const streams = 10_000;
  // Each stream is a socket in this process and one in the proxy, which inherits this limit.
  const limits = await readFile('/proc/self/limits', 'utf8');
  const openFiles = Number(/^Max open files\s+(\d+)/m.exec(limits)?.[1] ?? 0);
  if (openFiles < streams + 1000) {
    throw new Error(`idleStreams needs ulimit -n of ${streams + 1000} or more; it is ${openFiles}`);
  }
  const seconds = 15; // one heartbeat period: every stream writes one heartbeat in the window
  const upstream = await track(startUpstream({ state: 'storm' }));
  const proxy = await track(
    startProxy('node', upstream.url, {
      STREAMS_MAX: '20000',
      STREAMS_PER_CREDENTIAL: '20000',
    }),
  );
  const healthz = (s = seconds) => wrk(`${proxy.url}/healthz`, { connections: 1, seconds: s });
  await healthz(2);
  // The proxy's CPU over one heartbeat period with no requests, then /healthz's latency.
  const measure = async () => {
    const rss = (await residentOf(proxy.pid)).rss;
    const calls = await upstream.calls();
    const cpu = await cpuSecondsOf(proxy.pid);
    await sleep(seconds * 1000);
    const quietCpu = ((await cpuSecondsOf(proxy.pid)) - cpu) / seconds;
    const upstreamCallsPerSecond = ((await upstream.calls()) - calls) / seconds;
    return { rssBytes: rss, quietCpu, upstreamCallsPerSecond, ...(await healthz()) };
  };
  const none = await measure();
  const held = await openIdleStreams(
    proxy.url,
    streams,
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

  console.log(
    `\nIdle streams: the proxy on Node with none and with ${fmt(streams)} open event streams (20 credentials, 100 files in progress for good); the proxy's CPU over ${seconds} s without requests, then /healthz from wrk -t1 -c1 -d${seconds}s`,
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
  const perStream = (withStreams.rssBytes - none.rssBytes) / opened;
  console.log(
    `\nOpened ${fmt(opened)} of ${fmt(streams)} in ${fmt(held.openedInMs / 1000, 1)} s (refused: ${JSON.stringify(held.refused)}); ${fmt(stillOpen)} still open after the measurement; RSS ${fmt(perStream / 1024, 1)} KiB per stream, peak ${fmt(peakRssBytes / MiB)} MiB`,
  );
  return {
    idleStreams: {
      streams,
      opened,
      refused: held.refused,
      openedInMs: held.openedInMs,
      stillOpenAfter: stillOpen,
      none,
      withStreams,
      rssPerStreamBytes: perStream,
      peakRssBytes,
    },
  };
}
