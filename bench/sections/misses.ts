// Coalescing: how many upstream calls a burst of misses for one (token, id) costs, beside nginx.
// (What a miss costs, `missOverhead`, is in miss-overhead.ts.)
import { coalesce } from '../burst.ts';
import { fmt } from '../format.ts';
import { startNginx } from '../nginx.ts';
import { startProxy, startUpstream } from '../servers.ts';
import { stop, track } from '../started.ts';

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
