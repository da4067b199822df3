// The storm: many clients waiting for files the upstream turns done one by one, each client
// polling, or holding one event stream that the proxy feeds by polling alone, or by polling and
// MDSS's File Scanned notifications; the storm section runs it on one proxy and on a fleet.
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuSecondsOf, runQueueSecondsOf } from './process-usage.ts';
import { type Running, startProxy, startUpstream } from './servers.ts';
import { stop, track } from './started.ts';
import { subscribe } from './streams.ts';
import type { Completion } from './upstream.ts';

/**
 * 1,000 clients (20 tokens) wait for 100 files. Once every client has had its first answer and
 * `settleMs` has passed (the watches' polls settled into their rhythm), the upstream turns the
 * files done one by one, `spreadMs` apart in all: a file's done moment falls anywhere in a watch's
 * poll interval, as MDSS's scans end on their own clock, so the slowest file shows the worst case.
 */
export const STORM = {
  clients: 1000,
  tokens: 20,
  files: 100,
  pollMs: 250,
  settleMs: 2000,
  spreadMs: 2000,
};

/** How the clients wait: polling, or one event stream each, fed by polls or notifications too. */
export type Way = 'polling' | 'push' | 'notified';

/** MDSS_NOTIFY_SECRET, on every proxy of every way: only whether MDSS notifies differs. */
const NOTIFY_SECRET = 'bench-notify-secret-0123456789';

/** A client still waiting this long after the storm began gives up (counted as failed). */
const DEADLINE_MS = 60_000;

/** Starts a storm's proxies in front of the upstream, each with `env` added. */
export type StartProxies = (upstreamUrl: string, env: Record<string, string>) => Promise<Running[]>;

const oneProxy: StartProxies = async (url, env) => [await track(startProxy('node', url, env))];

/** What the storm's clients did, counted as they go. */
interface Tally {
  requests: number;
  /**
   * Answers that were no result, polls that failed (the client polls on), streams that failed or
   * ended without done, and clients that gave up at the deadline.
   */
  failed: number;
  /** Why, counted: `status <n>`, a stream's final `problem` or `no final event`, an error's name. */
  failures: Record<string, number>;
  /** Per file, when (Date.now()) each of its clients saw it done. */
  seen: number[][];
}

function failure(tally: Tally, why: string) {
  tally.failed++;
  tally.failures[why] = (tally.failures[why] ?? 0) + 1;
}

/** Where client `i` waits: its file, its token, and its proxy (as a load balancer spreads them). */
function clientOf(i: number, proxies: Running[]) {
  const { tokens, files } = STORM;
  const proxy = proxies[Math.floor(i / files) % proxies.length] as Running;
  return { file: i % files, token: `storm-tenant-${i % tokens}`, url: proxy.url };
}

/** An error's name, and its cause's code if it has one (fetch's TypeError wraps the socket's). */
function errorName(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `${error.name} (${code})` : error.name;
}

/**
 * A client polling its file every 250 ms until it is done; `answered` after each answer. A
 * request that fails is counted and the client polls on, as a poller does, until `signal`.
 */
async function poll(
  { url, id, token }: { url: string; id: string; token: string },
  tally: Tally,
  answered: () => void,
  signal: AbortSignal,
) {
  for (;;) {
    tally.requests++;
    try {
      const response = await fetch(`${url}/api/file/${id}`, {
        headers: { authorization: `Bearer ${token}` },
        signal,
      });
      const body = (await response.json()) as { processingState?: number };
      answered();
      if (!response.ok) failure(tally, `status ${response.status}`);
      else if (body.processingState === 2) return Date.now();
    } catch (error) {
      if (signal.aborted) throw error;
      failure(tally, errorName(error));
    }
    await sleep(STORM.pollMs);
  }
}

/**
 * Client `i`: waits for its file's result, polling or on one event stream, and notes when it saw
 * it done. `answered` is told once, at its first answer (or its failure).
 */
async function stormClient(
  way: Way,
  i: number,
  target: { ids: string[]; proxies: Running[] },
  tally: Tally,
  answered: () => void,
) {
  const { file, token, url } = clientOf(i, target.proxies);
  const id = target.ids[file] as string;
  let first = true;
  const once = () => {
    if (first) answered();
    first = false;
  };
  const signal = AbortSignal.timeout(DEADLINE_MS);
  try {
    let at: number | null;
    if (way === 'polling') {
      at = await poll({ url, id, token }, tally, once, signal);
    } else {
      tally.requests++;
      const path = `/api/file/${id}/events`;
      const stream = await subscribe(url, path, token, { onEvent: once, signal });
      if (stream.final !== 'done')
        failure(tally, stream.final ?? `no final event (${stream.status})`);
      at = stream.final === 'done' ? stream.finalAt : null;
    }
    if (at !== null) tally.seen[file]?.push(at);
  } catch (error) {
    failure(tally, errorName(error));
  } finally {
    once();
  }
}

/** CPU time and time waiting for a CPU so far, per process (the proxies', then the upstream's). */
const usageOf = (servers: Running[]) =>
  Promise.all(
    servers.map(async ({ pid }) => ({
      cpu: await cpuSecondsOf(pid),
      waiting: await runQueueSecondsOf(pid),
    })),
  );

/**
 * Per process, the share of the wall time from `before` (at `since`, performance.now()) to now it
 * ran and it waited for a CPU: on this shared machine, what the delays owe to other processes.
 */
async function sharesSince(
  servers: Running[],
  before: { cpu: number; waiting: number }[],
  since: number,
) {
  const seconds = (performance.now() - since) / 1000;
  const after = await usageOf(servers);
  const share = (n: number) => Math.round((100 * n) / seconds) / 100;
  return after.map((a, i) => ({
    ran: share(a.cpu - (before[i]?.cpu ?? 0)),
    waitedForCpu: share(a.waiting - (before[i]?.waiting ?? 0)),
  }));
}

/** The middle value of `values` (the lower of the two middle ones for an even count). */
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? Number.NaN;

/**
 * One storm, its clients waiting by `way`, on the proxies `start` starts. The upstream notes when
 * it turned each file done (and, `notified`, notifies one proxy of it then: file k the k-th of
 * them round robin, as a load balancer would pick); each client when it saw the result. Times
 * are Date.now() in both processes (one clock).
 */
export async function stormOf(way: Way, start: StartProxies = oneProxy) {
  const { clients, files, settleMs, spreadMs } = STORM;
  const upstream = await track(startUpstream({ state: 'storm' }));
  const proxies = await start(upstream.url, { MDSS_NOTIFY_SECRET: NOTIFY_SECRET });
  // Ids of this storm alone: a fleet's Redis holds the results of the storms before it.
  const run = `${way}-${Date.now().toString(36)}`;
  const ids = Array.from({ length: files }, (_, k) => `storm-${run}-${k}`);
  const tally: Tally = { requests: 0, failed: 0, failures: {}, seen: ids.map(() => []) };
  let waitingForFirst = clients;
  let everyone = () => {};
  const allAnswered = new Promise<void>((resolve) => {
    everyone = resolve;
  });
  const answered = () => {
    if (--waitingForFirst === 0) everyone();
  };
  const t0 = performance.now();
  const waiting = Promise.all(
    Array.from({ length: clients }, (_, i) =>
      stormClient(way, i, { ids, proxies }, tally, answered),
    ),
  );
  await allAnswered;
  await sleep(settleMs);
  const schedule: Completion[] = ids.map((id, k) => ({
    id,
    afterMs: (k * spreadMs) / files,
    ...(way === 'notified' ? { notify: `${proxies[k % proxies.length]?.url}/hooks/mdss` } : {}),
  }));
  const servers = [...proxies, upstream];
  const since = performance.now();
  const before = await usageOf(servers);
  await upstream.complete({ files: schedule, authorization: `Bearer ${NOTIFY_SECRET}` });
  await waiting;
  const durationMs = performance.now() - t0;
  const shares = await sharesSince(servers, before, since);
  const upstreamRequests = await upstream.calls();
  const { doneAt, firstAnswer, notifications } = await upstream.doneAt();
  for (const server of servers) await stop(server);
  // Per file: its last client to see it done, after the upstream turned it done.
  const perFileMs = ids.map((id, k) => {
    const seen = tally.seen[k] ?? [];
    return seen.length === 0 ? Number.NaN : Math.max(...seen) - (doneAt[id] ?? Number.NaN);
  });
  // Of that: until the upstream's first finished answer for the file (the proxy asking), and after.
  const askedMs = ids.map((id) => (firstAnswer[id] ?? Number.NaN) - (doneAt[id] ?? Number.NaN));
  const fannedMs = perFileMs.map((ms, k) => ms - (askedMs[k] ?? Number.NaN));
  const turned = Object.values(doneAt);
  return {
    way,
    proxies: proxies.length,
    clientRequests: tally.requests,
    upstreamRequests,
    failed: tally.failed,
    failures: tally.failures,
    /** The last client of a file to see it done, after the upstream turned that file done. */
    lastSubscriberMs: { max: Math.max(...perFileMs), p50: median(perFileMs) },
    /** Of it: the upstream's first finished answer for the file, after it turned it done. */
    askedMs: { max: Math.max(...askedMs), p50: median(askedMs) },
    /** ... and the file's last client to see it done, after that answer. */
    fannedOutMs: { max: Math.max(...fannedMs), p50: median(fannedMs) },
    perFileMs,
    perFileAskedMs: askedMs,
    /** The first file turned done to the last. */
    turnedDoneOverMs: Math.max(...turned) - Math.min(...turned),
    notifications: way === 'notified' ? notifications : null,
    /**
     * From the first file turning done to the last client seeing its own: the share of the time
     * each proxy's event loop ran and waited for a CPU (other processes had it), and the upstream's.
     */
    proxiesUsage: shares.slice(0, -1),
    upstreamUsage: shares.at(-1),
    durationMs,
  };
}

export type Storm = Awaited<ReturnType<typeof stormOf>>;
