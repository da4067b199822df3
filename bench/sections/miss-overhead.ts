// What a poll costs when it misses (issue 28 §1): every request a new id, so each one goes
// upstream. The proxy runs as it is deployed (its deployment build, with `pnpm start`'s V8 flags
// and production shape: metrics and tracing on, no exporter) with its upstream limits lifted, so
// what is measured is its own work, beside the upstream alone, floors built and run the same way
// (a bare node:http forwarder, piping or reading each answer: no cache, no limits; the least
// cache of this API: caching and nothing else, least-cache.ts) and nginx; then the same files in
// progress polled again and again, each poll a miss that replaces its entry (re-polls, the store
// steady). Apart from those: what one and many credentials see at the default limits, and where
// the CPU of a miss goes (a profile, from source, where each module keeps its name).
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summariseProfileDir } from '../cpu-profile.ts';
import { wrk } from '../load.ts';
import { startNginx } from '../nginx.ts';
import { coreBusySeconds, cpuSecondsOf } from '../process-usage.ts';
import {
  baselineProxyDir,
  type Running,
  SERVER_CORE,
  startBareForwarder,
  startLeastCache,
  startProxy,
  startUpstream,
} from '../servers.ts';
import { HIT_SECONDS, TOKEN } from '../settings.ts';
import { stop, track } from '../started.ts';
import { type MissProfile, printMissOverhead, type Row } from './miss-overhead-tables.ts';

/**
 * A measured run lasts half of BENCH_SECONDS (at least 3 s); one of two rounds, a third (at least
 * 2 s). With the default 10, the section takes about 4 minutes.
 */
const SECONDS = Math.max(3, Math.round(HIT_SECONDS / 2));
const ROUND_SECONDS = Math.max(2, Math.round(HIT_SECONDS / 3));
const UPSTREAM_MS = 20;
const CREDENTIALS = 64;

/** `pnpm start`'s shape, whatever the bench's own environment says. */
const PRODUCTION = { METRICS_DISABLED: '', OTEL_SDK_DISABLED: '', OTEL_EXPORTER_OTLP_ENDPOINT: '' };

/** No cap on upstream calls at once, in all or per credential, and no per-credential budget. */
const LIFTED = {
  ...PRODUCTION,
  UPSTREAM_MAX_INFLIGHT: '100000',
  UPSTREAM_INFLIGHT_PER_CREDENTIAL: '100000',
  UPSTREAM_NEW_IDS_PER_SECOND: '0',
};
/** The same for a baseline from before decision 010, whose budget counted every upstream call. */
const LIFTED_BEFORE_010 = {
  ...PRODUCTION,
  UPSTREAM_MAX_INFLIGHT: '100000',
  UPSTREAM_INFLIGHT_PER_CREDENTIAL: '100000',
  UPSTREAM_BUDGET_PER_SECOND: '0',
};

/** The proxy of `dir` as deployed on Node: its deployment build, with `pnpm start`'s flags. */
const deployed = (mdssUrl: string, env: Record<string, string>, dir?: string) =>
  startProxy('node', mdssUrl, env, { deployment: true, ...(dir ? { dir } : {}) });

interface Target {
  name: string;
  server: Running;
  /** Whether its CPU time is counted: a single process (not nginx's master and worker). */
  counted: boolean;
}

/** An upstream that counts the requests it answered (`startUpstream`'s). */
type CountingUpstream = Pick<Awaited<ReturnType<typeof startUpstream>>, 'calls'>;

/** A run's load beyond its target and connections (wrk's options). */
type Load = Partial<
  Pick<Parameters<typeof wrk>[1], 'seconds' | 'tokens' | 'countStatuses' | 'uniquePrefix' | 'cycle'>
>;

/** What a counted target's run used of the server core, and what everything else did. */
async function coreUse(target: Target) {
  const [own, core] = await Promise.all([
    cpuSecondsOf(target.server.pid),
    coreBusySeconds(SERVER_CORE),
  ]);
  return { own, core, at: performance.now() };
}

/**
 * A measured run of misses; for a counted target, its CPU time over the run, and the share of the
 * server core other processes took meanwhile (the machine's other work: the run's figures are only
 * as good as that share is small); with `upstream`, the requests the run made it answer.
 */
async function measure(
  target: Target,
  connections: number,
  load: Load = {},
  upstream?: CountingUpstream,
): Promise<Row> {
  const before = target.counted ? await coreUse(target) : undefined;
  const callsBefore = await upstream?.calls();
  const run = await wrk(target.server.url, {
    connections,
    seconds: load.seconds ?? SECONDS,
    token: TOKEN,
    uniquePrefix: `miss-${Date.now()}`,
    ...load,
  });
  const r: Row =
    upstream && callsBefore !== undefined
      ? { ...run, upstreamCalls: (await upstream.calls()) - callsBefore }
      : run;
  if (!before) return r;
  const after = await coreUse(target);
  const cpuSeconds = after.own - before.own;
  const others = (after.core - before.core - cpuSeconds) / ((after.at - before.at) / 1000);
  return {
    ...r,
    cpuSeconds,
    cpuUsPerMiss: (cpuSeconds * 1e6) / r.requests,
    othersOnServerCore: Math.max(0, others),
  };
}

/** Runs of equal length as one: requests, errors and CPU summed, rates and percentiles averaged. */
function combined(runs: Row[]): Row {
  const sum = (of: (r: Row) => number) => runs.reduce((total, r) => total + of(r), 0);
  const mean = (of: (r: Row) => number) => sum(of) / runs.length;
  const requests = sum((r) => r.requests);
  const row: Row = {
    requests,
    rps: mean((r) => r.rps),
    p50ms: mean((r) => r.p50ms),
    p99ms: mean((r) => r.p99ms),
    maxMs: Math.max(...runs.map((r) => r.maxMs)),
    errors: sum((r) => r.errors),
    non2xx: sum((r) => r.non2xx),
  };
  if (runs.every((r) => r.upstreamCalls !== undefined)) {
    row.upstreamCalls = sum((r) => r.upstreamCalls ?? 0);
  }
  if (runs.every((r) => r.cpuSeconds !== undefined)) {
    row.cpuSeconds = sum((r) => r.cpuSeconds ?? 0);
    row.cpuUsPerMiss = (row.cpuSeconds * 1e6) / requests;
    row.othersOnServerCore = mean((r) => r.othersOnServerCore ?? 0);
  }
  return row;
}

/**
 * Every target through two runs of c`connections` in turn, forward then backward, so that a
 * machine whose pace changes under the section (the cores are shared) weighs on each alike. The
 * last target of the forward turn runs last of the backward one too: no target runs twice in a
 * row, where a re-poll run would find the entries its own previous run had just made still fresh.
 * With `upstream`, each row counts the upstream requests its runs made.
 */
async function inRounds(
  targets: Target[],
  connections: number,
  load: Load = {},
  upstream?: CountingUpstream,
): Promise<Record<string, Row>> {
  const runs = new Map<Target, Row[]>(targets.map((t) => [t, []]));
  const backward = [...targets.slice(0, -1).reverse(), ...targets.slice(-1)];
  const round = { seconds: ROUND_SECONDS, ...load };
  for (const order of [targets, backward]) {
    for (const target of order) {
      runs.get(target)?.push(await measure(target, connections, round, upstream));
    }
  }
  return Object.fromEntries(targets.map((t) => [t.name, combined(runs.get(t) ?? [])]));
}

/** The targets in front of `upstreamUrl`, each warmed (JIT, connections) with 2 s of misses. */
async function targetsOf(upstream: Running): Promise<Target[]> {
  const targets: Target[] = [
    { name: 'upstream alone', server: upstream, counted: false },
    {
      name: 'bare forwarder',
      server: await track(startBareForwarder(upstream.url)),
      counted: true,
    },
    {
      name: 'bare forwarder, reading',
      server: await track(startBareForwarder(upstream.url, true)),
      counted: true,
    },
    { name: 'least cache', server: await track(startLeastCache(upstream.url)), counted: true },
    { name: 'proxy', server: await track(deployed(upstream.url, LIFTED)), counted: true },
  ];
  // The same build again, in a process of its own: how far two runs of one build differ in this
  // sitting, the least a difference between the proxy and its baseline must exceed. A baseline
  // gets two processes too, so that before and after each stand on two, and the builds take
  // turns in the order, so that neither always runs first.
  const second = { name: 'proxy, second process', counted: true };
  if (!baselineProxyDir) {
    targets.push({ ...second, server: await track(deployed(upstream.url, LIFTED)) });
  } else {
    const dir = baselineProxyDir;
    const lifted = readFileSync(join(dir, 'src/config.ts'), 'utf8').includes(
      'UPSTREAM_NEW_IDS_PER_SECOND',
    )
      ? LIFTED
      : LIFTED_BEFORE_010;
    const baseline = () => track(deployed(upstream.url, lifted, dir));
    targets.push(
      { name: 'baseline proxy', server: await baseline(), counted: true },
      { ...second, server: await track(deployed(upstream.url, LIFTED)) },
      { name: 'baseline proxy, second process', server: await baseline(), counted: true },
    );
  }
  targets.push({
    name: 'nginx 1 worker',
    server: await track(startNginx(upstream.url)),
    counted: false,
  });
  for (const target of targets.slice(1)) await measure(target, 32, { seconds: 2 });
  return targets;
}

async function stopTargets(targets: Target[]) {
  for (const { server } of targets) await stop(server);
}

/** c1 (one run each) and c32 (in rounds) through every target: latency and CPU per miss. */
async function latency(targets: Target[]) {
  const rows: Record<string, Row> = {};
  for (const target of targets) rows[`${target.name} c1`] = await measure(target, 1);
  for (const [name, row] of Object.entries(await inRounds(targets, 32))) rows[`${name} c32`] = row;
  return rows;
}

/**
 * Files in progress a re-poll run asks for in turn. At 32 connections and 20 ms an answer there
 * are at most 1,600 asks a second, so each file is asked again after 1.5 s or more, when its
 * entry (fresh for 1 s) has gone stale: every ask is a miss, and the store stays the size it is.
 */
const POLLED_FILES = 2_400;

/**
 * Polls of files in progress, as a deployment sees them (issue 28's case (a)): the same files
 * asked again and again, each ask a miss that replaces its entry, so the store neither grows nor
 * empties, where new ids (`latency`) measure a store that grows. The targets are warmed by one
 * round of the files first; each row counts the asks that reached MDSS (all of them: all misses).
 */
async function rePolls() {
  const polled = await track(startUpstream({ delayMs: UPSTREAM_MS, state: 'storm' }));
  const started = await targetsOf(polled);
  // The upstream alone (what the others add to) and the processes whose CPU is counted: nginx's
  // worker is not one process to count.
  const targets = started.filter((t) => t.counted || t.server === polled);
  const files = { uniquePrefix: 'polled', cycle: POLLED_FILES };
  for (const target of targets) await measure(target, 32, { seconds: 3, ...files });
  const rows = await inRounds(targets, 32, files, polled);
  await stopTargets(started.slice(1));
  await stop(polled);
  return { files: POLLED_FILES, rows };
}

/** A fresh proxy at its default limits (so no earlier run spent its budgets), c32. */
async function atDefaultLimits(upstream: Running, tokens: string[]): Promise<Row> {
  const server = await track(deployed(upstream.url, PRODUCTION));
  const target = { name: 'proxy at default limits', server, counted: true };
  // Warmed with a credential of its own: the measured ones start with their budgets whole.
  await measure(target, 32, { seconds: 2, tokens: ['bench-warm-credential-0123456789'] });
  const row = await measure(target, 32, { tokens, countStatuses: true });
  await stop(server);
  return row;
}

/** Between samples (µs), as --cpu-prof's default: a busy sample is a millisecond of work. */
const PROFILE_INTERVAL_US = 1000;

/** The proxy (limits lifted) under --cpu-prof through a c32 run: self time within that run. */
async function missProfile(upstream: Running): Promise<MissProfile> {
  const dir = await mkdtemp(join(tmpdir(), 'mdss-bench-cpu-prof-'));
  const nodeFlags = [
    '--cpu-prof',
    `--cpu-prof-dir=${dir}`,
    `--cpu-prof-interval=${PROFILE_INTERVAL_US}`,
  ];
  const server = await track(startProxy('node', upstream.url, LIFTED, { nodeFlags }));
  const target = { name: 'profiled proxy', server, counted: false };
  await measure(target, 32, { seconds: 2 });
  // V8 stamps samples with the monotonic clock process.hrtime reads: the run's own samples only.
  const fromUs = Number(process.hrtime.bigint() / 1000n);
  const { requests } = await measure(target, 32);
  const toUs = Number(process.hrtime.bigint() / 1000n);
  await stop(server); // The profile is written as the process exits.
  // Kept, for a closer look in Chrome DevTools or speedscope.
  return { ...(await summariseProfileDir(dir, { fromUs, toUs })), requests, dir };
}

export async function missOverhead() {
  const slow = await track(startUpstream({ delayMs: UPSTREAM_MS }));
  const slowTargets = await targetsOf(slow);
  const rows = await latency(slowTargets);
  await stopTargets(slowTargets.slice(1));
  const tokens = Array.from({ length: CREDENTIALS }, (_, i) => `bench-credential-${i}-0123456789`);
  const defaults = {
    'one token': await atDefaultLimits(slow, [TOKEN]),
    [`${CREDENTIALS} tokens`]: await atDefaultLimits(slow, tokens),
  };
  const profile = await missProfile(slow);
  await stop(slow);
  const polls = await rePolls();
  const fast = await track(startUpstream({ delayMs: 0 }));
  const fastTargets = await targetsOf(fast);
  const saturation = await inRounds(fastTargets, 32);
  await stopTargets(fastTargets.slice(1));
  await stop(fast);
  const settings = {
    seconds: SECONDS,
    roundSeconds: ROUND_SECONDS,
    upstreamMs: UPSTREAM_MS,
    lifted: LIFTED,
  };
  return {
    missOverhead: printMissOverhead({ settings, rows, saturation, polls, defaults, profile }),
  };
}
