// Misses: what the proxy adds to the upstream's time, beside nginx (`missOverhead`), and how
// many upstream calls a burst of misses for one (token, id) costs (`coalescing`).
import { coalesce } from '../burst.ts';
import { fmt } from '../format.ts';
import { type LoadResult, wrk } from '../load.ts';
import { startNginx } from '../nginx.ts';
import { startProxy, startUpstream } from '../servers.ts';
import { TOKEN } from '../settings.ts';
import { stop, track } from '../started.ts';

export async function missOverhead() {
  const upstream = await track(startUpstream({ delayMs: 20 }));
  const proxy = await track(startProxy('node', upstream.url));
  const nginx = await track(startNginx(upstream.url));
  const rows: Record<string, Record<string, LoadResult>> = {};
  for (const connections of [1, 32]) {
    for (const [name, url] of [
      ['upstream alone', upstream.url],
      ['proxy on node', proxy.url],
      ['nginx 1 worker', nginx.url],
    ] as const) {
      rows[`${name} c${connections}`] ??= {};
      (rows[`${name} c${connections}`] as Record<string, LoadResult>).r = await wrk(url, {
        connections,
        seconds: 6,
        token: TOKEN,
        uniquePrefix: `miss-${name.replace(/\W/g, '')}-${connections}-${Date.now()}`,
      });
    }
  }
  for (const server of [proxy, nginx, upstream]) await stop(server);
  console.log('\nMiss overhead: every request a new id, upstream answers in 20 ms');
  console.log(
    '| connections | target | p50 ms | p99 ms | added p50 ms | added p99 ms |\n|---:|---|---:|---:|---:|---:|',
  );
  const out: Record<string, unknown> = {};
  for (const connections of [1, 32]) {
    const base = rows[`upstream alone c${connections}`]?.r as LoadResult;
    for (const name of ['proxy on node', 'nginx 1 worker']) {
      const r = rows[`${name} c${connections}`]?.r as LoadResult;
      console.log(
        `| ${connections} | ${name} | ${fmt(r.p50ms, 2)} | ${fmt(r.p99ms, 2)} | ${fmt(r.p50ms - base.p50ms, 2)} | ${fmt(r.p99ms - base.p99ms, 2)} |`,
      );
      out[`${name} c${connections}`] = {
        ...r,
        addedP50ms: r.p50ms - base.p50ms,
        addedP99ms: r.p99ms - base.p99ms,
      };
    }
    out[`upstream alone c${connections}`] = base;
  }
  return { missOverhead: out };
}

export async function coalescing() {
  const upstreamMs = 100;
  const upstream = await track(startUpstream({ delayMs: upstreamMs }));
  const targets = [
    ['proxy on node', await track(startProxy('node', upstream.url))],
    ['nginx 1 worker', await track(startNginx(upstream.url))],
  ] as const;
  const out: Record<string, unknown> = {};
  console.log(
    `\nCoalescing: 200 concurrent misses for one token and id, upstream answers in ${upstreamMs} ms`,
  );
  console.log(
    '| target | upstream calls | slowest waiter ms | over the upstream ms | same burst, all hits ms |\n|---|---:|---:|---:|---:|',
  );
  for (const [name, target] of targets) {
    const c = await coalesce([target.url], name, upstream);
    console.log(
      `| ${name} | ${c.upstreamCalls} | ${fmt(c.slowestMs, 1)} | ${fmt(c.slowestMs - upstreamMs, 1)} | ${fmt(c.hitBurstMs, 1)} |`,
    );
    out[name] = { ...c, overUpstreamMs: c.slowestMs - upstreamMs };
  }
  for (const [, target] of targets) await stop(target);
  await stop(upstream);
  return { coalescing: out };
}
