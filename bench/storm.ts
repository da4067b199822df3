// The storm: many clients waiting for files the upstream finishes at once, each polling or each
// holding one event stream; the storm and fleet sections run it on one proxy or a fleet.
import { setTimeout as sleep } from 'node:timers/promises';
import { type Running, startProxy, startUpstream } from './servers.ts';
import { stop, track } from './started.ts';
import { subscribe } from './streams.ts';

/** The storm: 1,000 clients (20 tokens) wait for 100 files that the upstream finishes after 5 s. */
export const STORM = { clients: 1000, tokens: 20, files: 100, pollMs: 250, completeAfterMs: 5000 };

/** What the storm's clients did, counted as they go. */
interface Tally {
  requests: number;
  served: number;
  failed: number;
  /** When each client saw its file done (Date.now()), and its (token, file). */
  seen: { at: number; key: string }[];
}

/** Client `i` of the storm: waits for its file's result on one of `proxies`. */
async function stormClient(how: 'polling' | 'push', i: number, proxies: Running[], tally: Tally) {
  const { tokens, files, pollMs } = STORM;
  // Each file's clients spread over every proxy, as a load balancer spreads clients.
  const proxy = proxies[Math.floor(i / files) % proxies.length] as Running;
  const id = `storm-${i % files}`;
  const token = `storm-tenant-${i % tokens}`;
  const key = `Bearer ${token} ${id}`;
  if (how === 'push') {
    tally.requests++;
    const stream = await subscribe(proxy.url, `/api/file/${id}/events`, token);
    if (stream.final === 'done' && stream.finalAt !== null)
      tally.seen.push({ at: stream.finalAt, key });
    else tally.failed++;
    return;
  }
  for (;;) {
    tally.requests++;
    const response = await fetch(`${proxy.url}/api/file/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await response.json()) as { processingState?: number };
    tally.served++;
    if (body.processingState === 2) {
      tally.seen.push({ at: Date.now(), key });
      return;
    }
    await sleep(pollMs);
  }
}

/**
 * One storm, its clients polling every 250 ms or each holding one event stream. Times are
 * Date.now() in both processes (one clock): the bench upstream notes when it first answered a
 * finished body, in all and per (token, file); each client, when it saw the result.
 */
export async function stormOf(
  how: 'polling' | 'push',
  startProxies: (upstreamUrl: string) => Promise<Running[]> = async (url) => [
    await track(startProxy('node', url)),
  ],
) {
  const upstream = await track(startUpstream({ state: 'storm' }));
  const proxies = await startProxies(upstream.url);
  const { clients, pollMs } = STORM;
  const tally: Tally = { requests: 0, served: 0, failed: 0, seen: [] };
  const { seen } = tally;
  const t0 = performance.now();
  const waiting = Promise.all(
    Array.from({ length: clients }, (_, i) => stormClient(how, i, proxies, tally)),
  );
  await sleep(STORM.completeAfterMs);
  await upstream.complete();
  const completedAt = Date.now();
  await waiting;
  const durationMs = performance.now() - t0;
  const upstreamRequests = await upstream.calls();
  const firstDone = await upstream.firstDone();
  for (const server of [...proxies, upstream]) await stop(server);
  const lastSeen = Math.max(...seen.map((s) => s.at));
  const behindOwnFile = seen.map((s) => s.at - (firstDone.byKey[s.key] ?? Number.NaN));
  return {
    how,
    ...STORM,
    pollMs: how === 'polling' ? pollMs : null,
    clientRequests: tally.requests,
    served: how === 'polling' ? tally.served : tally.requests - tally.failed,
    failed: tally.failed,
    upstreamRequests,
    /** The last client to see the result, after the upstream's first finished answer. */
    lastSawAfterFirstDoneMs: lastSeen - (firstDone.at ?? Number.NaN),
    /** The slowest client, after the upstream's first finished answer for its own (token, file). */
    slowestAfterOwnFileDoneMs: Math.max(...behindOwnFile),
    /** The first and last (token, file) to get a finished answer from the upstream, apart. */
    firstDoneSpreadMs:
      Math.max(...Object.values(firstDone.byKey)) - Math.min(...Object.values(firstDone.byKey)),
    lastClientSawResultMs: lastSeen - completedAt,
    durationMs,
  };
}
