// The miss-overhead section's tables (miss-overhead.ts measures): printed as markdown, and
// returned with the ratios they show, as latest.json keeps them.
import type { ProfileSummary, Share } from '../cpu-profile.ts';
import { fmt } from '../format.ts';
import type { LoadResult } from '../load.ts';

export interface Row extends LoadResult {
  /** The target's CPU time over the run (user and system, all threads), when it is counted. */
  cpuSeconds?: number;
  /** That per request served, in µs. */
  cpuUsPerMiss?: number;
  /** The upstream requests the run made, where its upstream counted them (re-polls). */
  upstreamCalls?: number;
  /** Of the run's wall time, the server core's time other processes took (0 to 1). */
  othersOnServerCore?: number;
}

interface Measured {
  settings: {
    seconds: number;
    roundSeconds: number;
    upstreamMs: number;
    lifted: Record<string, string>;
  };
  /** By `${target} c${connections}`, the upstream answering in settings.upstreamMs. */
  rows: Record<string, Row>;
  /** By target, c32, the upstream answering at once. */
  saturation: Record<string, Row>;
  /** By target, c32, `files` in progress asked in turn (each ask a miss, the store steady). */
  polls: { files: number; rows: Record<string, Row> };
  /** By credentials, c32, the proxy at its default limits. */
  defaults: Record<string, Row>;
  profile: MissProfile;
}

/** The profile's summary, the requests its run served, and the folder the .cpuprofile files are in. */
export type MissProfile = ProfileSummary & { requests: number; dir: string };

const ms = (n: number) => fmt(n, 2);
const cpu = (r: Row | undefined) => (r?.cpuUsPerMiss === undefined ? '' : fmt(r.cpuUsPerMiss));
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? undefined : a / b;
const others = (r: Row | undefined) =>
  r?.othersOnServerCore === undefined ? '' : `${fmt(100 * r.othersOnServerCore)} %`;
const times = (n: number | undefined) => (n === undefined ? '' : `${fmt(n, 2)} ×`);

function printLatency({ settings, rows }: Measured) {
  console.log(
    `\nMisses: every request a new id, the upstream answering in ${settings.upstreamMs} ms; wrk -t1, c1 one run of ${settings.seconds} s, c32 two rounds of ${settings.roundSeconds} s (targets in turn, then in reverse); proxies as deployed (the deployment build, with \`pnpm start\`'s V8 flags; metrics and tracing on, no exporter) with their upstream limits lifted; the floors bundled and run the same way`,
  );
  console.log(
    '| conns | target | req/s | p50 ms | p99 ms | added p50 ms | added p99 ms | CPU µs/miss | others on server core | errors |\n|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  const out: Record<string, Row & { addedP50ms: number; addedP99ms: number }> = {};
  for (const [key, r] of Object.entries(rows)) {
    const [, name = key, connections = ''] = /^(.*) c(\d+)$/.exec(key) ?? [];
    const base = rows[`upstream alone c${connections}`] ?? r;
    const added = { addedP50ms: r.p50ms - base.p50ms, addedP99ms: r.p99ms - base.p99ms };
    out[key] = { ...r, ...added };
    const shown = r === base ? ['', ''] : [ms(added.addedP50ms), ms(added.addedP99ms)];
    console.log(
      `| ${connections} | ${name} | ${fmt(r.rps)} | ${ms(r.p50ms)} | ${ms(r.p99ms)} | ${shown[0]} | ${shown[1]} | ${cpu(r)} | ${others(r)} | ${r.errors + r.non2xx} |`,
    );
  }
  return out;
}

function printSaturation({ settings, saturation }: Measured) {
  const bare = saturation['bare forwarder'];
  console.log(
    `\nSaturation: misses/s at 32 connections, the upstream answering at once (the upstream alone: what the load core allows); two rounds of ${settings.roundSeconds} s`,
  );
  console.log(
    '| target | misses/s | × bare | p50 ms | p99 ms | CPU µs/miss | CPU × bare | others on server core | errors |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  const out: Record<
    string,
    Row & { rpsToBare: number | undefined; cpuToBare: number | undefined }
  > = {};
  for (const [name, r] of Object.entries(saturation)) {
    const rpsToBare = ratio(r.rps, bare?.rps);
    const cpuToBare = ratio(r.cpuUsPerMiss, bare?.cpuUsPerMiss);
    out[name] = { ...r, rpsToBare, cpuToBare };
    console.log(
      `| ${name} | ${fmt(r.rps)} | ${times(rpsToBare)} | ${ms(r.p50ms)} | ${ms(r.p99ms)} | ${cpu(r)} | ${times(cpuToBare)} | ${others(r)} | ${r.errors + r.non2xx} |`,
    );
  }
  return out;
}

function printPolls({ settings, polls }: Measured) {
  const bare = polls.rows['bare forwarder'];
  console.log(
    `\nRe-polls: ${fmt(polls.files)} files in progress asked in turn at 32 connections, the upstream answering in ${settings.upstreamMs} ms: each file asked again after its entry went stale, so every ask is a miss and the store stays one size (issue 28's case (a)); two rounds of ${settings.roundSeconds} s; "reached MDSS": the target's asks that reached the upstream (100 %: every ask a miss)`,
  );
  console.log(
    '| target | req/s | reached MDSS | p50 ms | p99 ms | added p50 ms | added p99 ms | CPU µs/miss | CPU × bare | others on server core | errors |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  const alone = polls.rows['upstream alone'];
  const out: Record<
    string,
    Row & {
      cpuToBare: number | undefined;
      upstreamPerAsk: number | undefined;
      addedP50ms?: number;
      addedP99ms?: number;
    }
  > = {};
  for (const [name, r] of Object.entries(polls.rows)) {
    const cpuToBare = ratio(r.cpuUsPerMiss, bare?.cpuUsPerMiss);
    const added =
      alone && r !== alone
        ? { addedP50ms: r.p50ms - alone.p50ms, addedP99ms: r.p99ms - alone.p99ms }
        : undefined;
    const upstreamPerAsk = ratio(r.upstreamCalls, r.requests);
    out[name] = { ...r, ...added, cpuToBare, upstreamPerAsk };
    const shown = added ? [ms(added.addedP50ms), ms(added.addedP99ms)] : ['', ''];
    const reached = upstreamPerAsk === undefined ? '' : `${fmt(100 * upstreamPerAsk)} %`;
    console.log(
      `| ${name} | ${fmt(r.rps)} | ${reached} | ${ms(r.p50ms)} | ${ms(r.p99ms)} | ${shown[0]} | ${shown[1]} | ${cpu(r)} | ${times(cpuToBare)} | ${others(r)} | ${r.errors + r.non2xx} |`,
    );
  }
  return { files: polls.files, rows: out };
}

/** CPU per miss of a build over both its processes: their CPU time over their misses. */
function pooledCpu(rows: Record<string, Row>, build: string, suffix: string) {
  const runs = [rows[`${build}${suffix}`], rows[`${build}, second process${suffix}`]];
  let cpuSeconds = 0;
  let requests = 0;
  for (const run of runs) {
    if (run?.cpuSeconds === undefined) return undefined;
    cpuSeconds += run.cpuSeconds;
    requests += run.requests;
  }
  return (cpuSeconds * 1e6) / requests;
}

/** The proxy's pooled CPU per miss over its baseline's, in rows named with `suffix`. */
const pooledRatio = (rows: Record<string, Row>, suffix: string) =>
  ratio(pooledCpu(rows, 'proxy', suffix), pooledCpu(rows, 'baseline proxy', suffix));

/**
 * CPU per miss of each proxy over each floor's (the bare forwarder piping, and reading each answer
 * whole; the least cache, which does what caching must and nothing else), in the c32 rows, on
 * re-polls and at saturation.
 */
function cpuRatios({ settings, rows, saturation, polls }: Measured) {
  const of = (name: string, floor: string) => ({
    c32: ratio(rows[`${name} c32`]?.cpuUsPerMiss, rows[`${floor} c32`]?.cpuUsPerMiss),
    rePolls: ratio(polls.rows[name]?.cpuUsPerMiss, polls.rows[floor]?.cpuUsPerMiss),
    saturation: ratio(saturation[name]?.cpuUsPerMiss, saturation[floor]?.cpuUsPerMiss),
  });
  const proxies = ['proxy', ...(saturation['baseline proxy'] ? ['baseline proxy'] : [])];
  const ratios: Record<string, ReturnType<typeof of>> = {};
  for (const name of proxies) {
    for (const floor of ['bare forwarder', 'bare forwarder, reading', 'least cache']) {
      const r = of(name, floor);
      ratios[`${name} ÷ ${floor}`] = r;
      console.log(
        `CPU per miss, ${name} ÷ ${floor}: ${times(r.c32)} at c32 (upstream in ${settings.upstreamMs} ms), ${times(r.rePolls)} re-polling, ${times(r.saturation)} at saturation`,
      );
    }
  }
  const noise = of('proxy, second process', 'proxy');
  ratios['proxy, second process ÷ proxy'] = noise;
  console.log(
    `CPU per miss, proxy, second process ÷ proxy (one build twice: this sitting's noise): ${times(noise.c32)} at c32, ${times(noise.rePolls)} re-polling, ${times(noise.saturation)} at saturation`,
  );
  if (saturation['baseline proxy, second process']) {
    const change = {
      c32: pooledRatio(rows, ' c32'),
      rePolls: pooledRatio(polls.rows, ''),
      saturation: pooledRatio(saturation, ''),
    };
    ratios['proxy ÷ baseline proxy, pooled'] = change;
    console.log(
      `CPU per miss, proxy ÷ baseline proxy (after ÷ before, each build's two processes pooled): ${times(change.c32)} at c32, ${times(change.rePolls)} re-polling, ${times(change.saturation)} at saturation`,
    );
  }
  return ratios;
}

function printDefaults({ settings, defaults }: Measured) {
  console.log(
    `\nThe proxy at its DEFAULT limits: misses at 32 connections for one credential, and for many in turn; upstream answers in ${settings.upstreamMs} ms`,
  );
  console.log(
    '| credentials | req/s | p50 ms | p99 ms | 200 | 429 | 503 | other | socket errors |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const [name, r] of Object.entries(defaults)) {
    const s = r.statuses ?? {};
    const other = Object.entries(s)
      .filter(([status]) => !['200', '429', '503'].includes(status))
      .reduce((sum, [, n]) => sum + n, 0);
    console.log(
      `| ${name} | ${fmt(r.rps)} | ${ms(r.p50ms)} | ${ms(r.p99ms)} | ${fmt(s['200'] ?? 0)} | ${fmt(s['429'] ?? 0)} | ${fmt(s['503'] ?? 0)} | ${fmt(other)} | ${r.errors} |`,
    );
  }
  return defaults;
}

const percent = (s: Share) => `${fmt(100 * s.share, 1)} %`;

function printProfile({ settings, profile }: Measured) {
  const busy = profile.samples - profile.idle;
  console.log(
    `\nWhere a miss's CPU goes: the proxy (limits lifted, from source as \`pnpm start\` runs it, so that each module keeps its name) under node --cpu-prof (main thread), misses at 32 connections for ${settings.seconds} s, the upstream answering in ${settings.upstreamMs} ms; self time by module, % of ${fmt(busy)} busy samples (${fmt(profile.idle)} idle left out)`,
  );
  console.log(
    `${fmt(busy / profile.requests, 2)} busy samples (ms of the main thread, wall clock) per miss, over ${fmt(profile.requests)} misses; the profiles: ${profile.dir}`,
  );
  console.log('| module | self time |\n|---|---:|');
  for (const m of profile.byModule.slice(0, 15)) console.log(`| ${m.name} | ${percent(m)} |`);
  console.log(`By area: ${profile.byArea.map((a) => `${a.name} ${percent(a)}`).join(', ')}`);
  console.log('| function (module) | self time |\n|---|---:|');
  for (const f of profile.byFunction.slice(0, 12)) console.log(`| ${f.name} | ${percent(f)} |`);
  return {
    ...profile,
    byModule: profile.byModule.slice(0, 40),
    byFunction: profile.byFunction.slice(0, 30),
  };
}

/** Prints the section's tables; returns every figure, with the ratios the tables show. */
export function printMissOverhead(measured: Measured) {
  return {
    settings: measured.settings,
    latency: printLatency(measured),
    saturation: printSaturation(measured),
    rePolls: printPolls(measured),
    cpuPerMissToBare: cpuRatios(measured),
    defaultLimits: printDefaults(measured),
    profile: printProfile(measured),
  };
}
