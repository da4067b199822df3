// GET /api/files/events and /api/files/summary over real HTTP on 127.0.0.1, read by the
// `eventsource` package, in front of a real upstream whose calls are counted; every answer held
// to the contract. The harness's clock stands still, so an in-progress entry stays fresh and only
// a notification (POST /hooks/mdss) makes a file's watch ask MDSS again: counts, not time.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type FileEntry, readFilesEventId } from '@mdss-kit/contract';
import { proxyContract } from '@mdss-kit/contract/validate';
import { EventSource } from 'eventsource';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../test/harness.ts';
import { listedFiles } from '../../test/upstream-server.ts';

const SECRET = 'notify-secret-of-some-length';
const id = (n: number) => `5e91c094efe27b00064895${String(n).padStart(2, '0')}`;
const DONE = id(1);
const GONE = id(2);
const SCANNING = id(3);

let h: Harness;
let close = async () => {};
afterEach(async () => {
  await close();
  await h?.close();
});

/** DONE is done, GONE is unknown upstream, SCANNING in progress until `scanned.now`. */
const scanned = { now: false };
const answers = listedFiles(GONE, SCANNING, scanned);
const callsOf = (file: string) => h.upstream.calls.filter((c) => c.path.endsWith(file)).length;

async function started(config = {}) {
  scanned.now = false;
  h = await startHarness({ config: { notifySecret: SECRET, streamsPerCredential: 4, ...config } });
  h.upstream.answer(answers);
  const server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const notify = (file: string) =>
  h.app.request('/hooks/mdss', {
    method: 'POST',
    headers: { authorization: `Bearer ${SECRET}` },
    body: JSON.stringify({ WebhookNotificationType: 'FileScanned', FileId: file }),
  });

const query = (ids: string[]) => ids.map((file) => `id=${file}`).join('&');

interface Seen {
  event: string;
  lastEventId: string;
  data: FileEntry;
}

/** An EventSource of `ids` with token-a, every event checked against the contract. */
function source(url: string, ids: string[], statuses: number[]) {
  const es = new EventSource(`${url}/api/files/events?${query(ids)}`, {
    fetch: async (input, init) => {
      const headers = { ...init?.headers, authorization: 'Bearer token-a' };
      const response = await fetch(input, { ...init, headers });
      statuses.push(response.status);
      return response;
    },
  });
  const seen: Seen[] = [];
  const waiting: (() => void)[] = [];
  for (const name of ['progress', 'done', 'problem']) {
    es.addEventListener(name, ({ lastEventId, data }) => {
      proxyContract.assertSchema('FilesEvent', { event: name, id: lastEventId, data });
      seen.push({ event: name, lastEventId, data: JSON.parse(data) });
      for (const wake of waiting.splice(0)) wake();
    });
  }
  const closed = new Promise<void>((resolve) => {
    es.addEventListener('error', () => {
      if (es.readyState === EventSource.CLOSED) resolve();
    });
  });
  const until = async (count: number) => {
    while (seen.length < count) await new Promise<void>((wake) => waiting.push(wake));
  };
  return { es, seen, closed, until };
}

describe('GET /api/files/events', () => {
  it('carries each file to its own end on one connection, a notified one at once; then 204', async () => {
    const url = await started();
    const ids = [DONE, GONE, SCANNING];
    const statuses: number[] = [];
    const { es, seen, closed, until } = source(url, ids, statuses);
    await until(3);
    scanned.now = true;
    expect((await notify(SCANNING)).status).toBe(204);
    await closed;
    es.close();
    expect(statuses).toEqual([200, 204]);
    const perFile = (file: string) => seen.filter((s) => s.data.id === file).map((s) => s.event);
    expect(perFile(DONE)).toEqual(['done']);
    expect(perFile(GONE)).toEqual(['problem']);
    expect(perFile(SCANNING)).toEqual(['progress', 'done']);
    expect(readFilesEventId(seen.at(-1)?.lastEventId, 3)).toEqual(['d', 'p', 'd']);
    // One poll each, and one more for the notified file: none for the reconnect's 204.
    expect([DONE, GONE, SCANNING].map(callsOf)).toEqual([1, 1, 2]);
  });

  it('resumes from Last-Event-ID: an ended file is not asked for, a held summary not sent again', async () => {
    const url = await started();
    const first = await fetch(`${url}/api/files/summary?${query([SCANNING])}`, {
      headers: { authorization: 'Bearer token-a' },
    });
    await first.text();
    const statuses: number[] = [];
    const a = source(url, [SCANNING], statuses);
    await a.until(1);
    const digest = readFilesEventId(a.seen[0]?.lastEventId, 1)?.[0];
    a.es.close();
    const resumed = await fetch(`${url}/api/files/events?${query([DONE, SCANNING])}`, {
      headers: { authorization: 'Bearer token-a', 'last-event-id': `d.${digest}` },
    });
    expect(resumed.status).toBe(200);
    scanned.now = true;
    await notify(SCANNING);
    const text = await resumed.text();
    expect(text.match(/^event: .*/gm)).toEqual(['event: done']);
    expect(text).toContain(`"id":"${SCANNING}"`);
    expect(callsOf(DONE)).toBe(0);
    const over = await fetch(`${url}/api/files/events?${query([DONE, SCANNING])}`, {
      headers: { authorization: 'Bearer token-a', 'last-event-id': 'd.p' },
    });
    expect(over.status).toBe(204);
  });

  it('counts each listed id against the credential, the connection once in all', async () => {
    const url = await started({ streamsPerCredential: 3, streamsMax: 2 });
    const get = (ids: string[], token = 'token-a') =>
      fetch(`${url}/api/files/events?${query(ids)}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await get([id(10), id(11), id(12), id(13)])).status).toBe(429);
    const three = await get([id(10), id(11), id(12)]);
    expect(three.status).toBe(200);
    expect((await get([id(14)])).status).toBe(429);
    // Another credential takes the second place in all: the three-file stream is one of two.
    const other = await get([id(14)], 'token-b');
    expect(other.status).toBe(200);
    await Promise.all([three.body?.cancel(), other.body?.cancel()]);
  });
});
