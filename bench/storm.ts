// The storm: many clients waiting for files the upstream finishes at once, each polling or each
// holding one event stream; the storm and fleet sections run it on one proxy or a fleet.
import { setTimeout as sleep } from 'node:timers/promises';
import { type Running, startProxy, startUpstream } from './servers.ts';
import { stop, track } from './started.ts';
import { subscribe } from './streams.ts';

/** The storm: 1,000 clients (20 tokens) wait for 100 files that the upstream finishes after 5 s. */
export const STORM = { clients: 1000, tokens: 20, files: 100, pollMs: 250, completeAfterMs: 5000 };

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
  const { clients, tokens, files, pollMs } = STORM;
  let requests = 0;
  let served = 0;
  let failed = 0;
  const seen: { at: number; key: string }[] = [];
  const client = async (i: number) => {
    // Each file's clients spread over every proxy, as a load balancer spreads clients.
    const proxy = proxies[Math.floor(i / files) % proxies.length] as Running;
    const id = `storm-${i % files}`;
    const token = `storm-tenant-${i % tokens}`;
    const key = `Bearer ${token} ${id}`;
    if (how === 'push') {
      requests++;
      const stream = await subscribe(proxy.url, `/api/file/${id}/events`, token);
      if (stream.final === 'done' && stream.finalAt !== null)
        seen.push({ at: stream.finalAt, key });
      else failed++;
      return;
    }
    for (;;) {
      requests++;
      const response = await fetch(`${proxy.url}/api/file/${id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await response.json()) as { processingState?: number };
      served++;
      if (body.processingState === 2) {
        seen.push({ at: Date.now(), key });
        return;
      }
      await sleep(pollMs);
    }
  };
  const t0 = performance.now();
  const waiting = Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
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
    clientRequests: requests,
    served: how === 'polling' ? served : requests - failed,
    failed,
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
