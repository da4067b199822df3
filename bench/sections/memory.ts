// Memory: the memory store alone, in a process of its own (memory.ts) at three budgets, and the
// proxy on Node whole under misses, at the default budget.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fmt, MiB } from '../format.ts';
import { wrk } from '../load.ts';
import { residentOf } from '../process-usage.ts';
import { startProxy, startUpstream } from '../servers.ts';
import { TOKEN } from '../settings.ts';
import { stop, track } from '../started.ts';
import { resultBody, resultBodyOfSize } from '../upstream.ts';

const LARGE_BODY_BYTES = 100 * 1024;

/** One run of memory.ts in a process of its own; `nodeFlags` go before it (V8's, say). */
async function storeMemory(budgetMiB: number, bodyBytes: number, nodeFlags: string[] = []) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...nodeFlags, '--expose-gc', '--import', 'tsx', 'memory.ts'],
    {
      cwd: new URL('..', import.meta.url),
      env: {
        ...process.env,
        BUDGET_MIB: String(budgetMiB),
        BODY_BYTES: String(bodyBytes),
        // 3.5 GB and 10 GB of bodies: over 13 times the largest budget.
        COUNT: String(bodyBytes > 0 ? 100_000 : 1_000_000),
      },
      maxBuffer: 1 << 20,
    },
  );
  const m = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, number>;
  const over = (m.peakRssBytes ?? 0) - (m.baselineRssBytes ?? 0) - (m.budgetBytes ?? 0);
  return { ...m, overheadBytes: over };
}

/**
 * The proxy on Node, whole, at the default budget: misses at 32 connections, every one a new
 * id, so bodies are in flight and evicted all along (2 s, then 15 s measured). Its peak RSS
 * minus its RSS before the first request.
 */
async function proxyMemory(bodyBytes: number, nodeOptions = '', connections = 32) {
  const budget = 64 * MiB;
  const upstream = await track(startUpstream({ bodyBytes }));
  const proxy = await track(
    startProxy('node', upstream.url, {
      CACHE_MAX_BYTES: String(budget),
      // One token asks for every id here: its budget of new ids must not be what is measured.
      UPSTREAM_NEW_IDS_BURST: '10000000',
      UPSTREAM_NEW_IDS_PER_SECOND: '1000000',
      ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
    }),
  );
  // Before any request: the store empty, as memory.ts's baseline is.
  const before = await residentOf(proxy.pid);
  await wrk(proxy.url, {
    connections: 32,
    seconds: 2,
    token: TOKEN,
    uniquePrefix: `warm-${bodyBytes}-${Date.now()}`,
  });
  const load = await wrk(proxy.url, {
    connections,
    seconds: 15,
    token: TOKEN,
    uniquePrefix: `mem-${bodyBytes}-${Date.now()}`,
  });
  const after = await residentOf(proxy.pid);
  for (const server of [proxy, upstream]) await stop(server);
  return {
    bodyBytes,
    nodeOptions,
    connections,
    budgetBytes: budget,
    rssBeforeBytes: before.rss,
    peakRssBytes: after.peak,
    overheadBytes: after.peak - before.rss - budget,
    misses: load.requests,
    missesPerSecond: load.rps,
    errors: load.errors + load.non2xx,
  };
}

export async function memory() {
  const typicalBytes = resultBody('__ID__', true).length;
  const sizes = [
    [`${fmt(typicalBytes)} B`, 0],
    [`${fmt(resultBodyOfSize('__ID__', LARGE_BODY_BYTES).length)} B`, LARGE_BODY_BYTES],
  ] as const;
  console.log(
    '\nMemory: distinct (token, id) results put into the memory store as fast as it takes them (1,000,000 of 3.5 KB, 100,000 of 100 KB), at three budgets (64 MiB is the default CACHE_MAX_BYTES)',
  );
  console.log(
    '| body | budget MiB | entries held | heap per entry B | RSS before MiB | peak RSS MiB | peak − before − budget MiB | array buffers beyond those held, at peak MiB | V8 heap growth at peak MiB |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  const row = (body: string, budgetMiB: number | string, m: Record<string, number>) =>
    console.log(
      `| ${body} | ${budgetMiB} | ${fmt(m.heldEntries ?? 0)} | ${fmt(m.heapBytesPerEntry ?? 0)} | ${fmt((m.baselineRssBytes ?? 0) / MiB)} | ${fmt((m.peakRssBytes ?? 0) / MiB)} | ${fmt((m.overheadBytes ?? 0) / MiB)} | ${fmt(((m.peakArrayBufferBytes ?? 0) - (m.baselineArrayBufferBytes ?? 0) - (m.liveArrayBufferBytes ?? 0)) / MiB)} | ${fmt(((m.peakHeapTotalBytes ?? 0) - (m.baselineHeapTotalBytes ?? 0)) / MiB)} |`,
    );
  const store: Record<string, unknown>[] = [];
  for (const [body, bodyBytes] of sizes) {
    for (const budgetMiB of [16, 64, 256]) {
      const m = await storeMemory(budgetMiB, bodyBytes);
      row(body, budgetMiB, m);
      store.push(m);
    }
  }
  // Attribution: the same at 64 MiB with V8's young generation shrunk to a minimum.
  const smallYoung = ['--max-semi-space-size=1'];
  for (const [body, bodyBytes] of sizes) {
    const m = await storeMemory(64, bodyBytes, smallYoung);
    row(`${body}, ${smallYoung[0]}`, 64, m);
    store.push(m);
  }

  console.log(
    '\nMemory of the proxy on Node at the default budget (64 MiB): misses, each a new id, wrk for 15 s',
  );
  console.log(
    '| body | node options | connections | misses/s | RSS before MiB | peak RSS MiB | peak − before − budget MiB | errors |\n|---|---|---:|---:|---:|---:|---:|---:|',
  );
  const runs: [string, number, string, number][] = sizes.flatMap(([body, bodyBytes]) =>
    ['', smallYoung[0] ?? ''].map((nodeOptions): [string, number, string, number] => [
      body,
      bodyBytes,
      nodeOptions,
      32,
    ]),
  );
  // More bodies in flight at once: more connections than the upstream gate has slots.
  runs.push([sizes[1][0], LARGE_BODY_BYTES, '', 256]);
  const proxy: Record<string, unknown>[] = [];
  for (const [body, bodyBytes, nodeOptions, connections] of runs) {
    const m = await proxyMemory(bodyBytes, nodeOptions, connections);
    console.log(
      `| ${body} | ${nodeOptions || '(none)'} | ${connections} | ${fmt(m.missesPerSecond)} | ${fmt(m.rssBeforeBytes / MiB)} | ${fmt(m.peakRssBytes / MiB)} | ${fmt(m.overheadBytes / MiB)} | ${fmt(m.errors)} |`,
    );
    proxy.push(m);
  }
  return { memory: { store, proxy } };
}
