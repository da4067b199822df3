// The least cache is a floor the proxy's CPU per miss is measured against: each rule it claims to
// keep is held here, over real HTTP, in front of an upstream that counts what reaches it. A floor
// that skipped one (kept answers across credentials, asked twice for concurrent askers, kept
// another file's result) would make the proxy's figure look better than it is.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FileResult, ProcessingState } from '@mdss-kit/contract';
import { buildFileResult } from '@mdss-kit/mock';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Running, startLeastCache } from './servers.ts';

/** Requests that reached the upstream, by path. */
const asked: string[] = [];
let upstream: Server;
let cache: Running;

/** The upstream's answer for the file id `id`: its name says what it does. */
function answerOf(id: string): { status: number; body: string; delayMs?: number } {
  const result = (state: NonNullable<FileResult['processingState']>) =>
    JSON.stringify(buildFileResult({ id, processingState: state }));
  if (id.startsWith('slow-'))
    return { status: 200, body: result(ProcessingState.Available), delayMs: 300 };
  if (id.startsWith('running-')) return { status: 200, body: result(ProcessingState.InProgress) };
  if (id === 'another-file')
    return { status: 200, body: result(ProcessingState.Available).replace(id, 'x') };
  if (id === 'not-json') return { status: 200, body: '{"id": "not-json"' };
  if (id === 'too-large')
    return { status: 200, body: `{"id":"too-large","pad":"${'a'.repeat(6 << 20)}"}` };
  if (id === 'unknown') return { status: 404, body: '{"err":"File not found"}' };
  return { status: 200, body: result(ProcessingState.Available) };
}

beforeAll(async () => {
  upstream = createServer((req, res) => {
    asked.push(req.url ?? '');
    const id = decodeURIComponent((req.url ?? '').slice('/api/file/'.length));
    const { status, body, delayMs = 0 } = answerOf(id);
    setTimeout(
      () => res.writeHead(status, { 'content-type': 'application/json' }).end(body),
      delayMs,
    );
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const { port } = upstream.address() as AddressInfo;
  cache = await startLeastCache(`http://127.0.0.1:${port}`);
});

afterAll(async () => {
  await cache?.stop();
  await new Promise((resolve) => upstream?.close(resolve));
});

const get = (path: string, headers: Record<string, string> = { authorization: 'Bearer a' }) =>
  fetch(`${cache.url}${path}`, { headers });
const callsTo = (id: string) => asked.filter((path) => path === `/api/file/${id}`).length;

it('asks once, then answers from the cache with the same bytes and a validator that revalidates', async () => {
  const first = await get('/api/file/done-1');
  const body = await first.text();
  const second = await get('/api/file/done-1');
  expect([first.status, second.status]).toEqual([200, 200]);
  expect(await second.text()).toBe(body);
  expect(JSON.parse(body).id).toBe('done-1');
  const etag = second.headers.get('etag') ?? '';
  expect(etag).toMatch(/^"[0-9a-z]+-[0-9a-z]+"$/);
  expect(first.headers.get('etag')).toBe(etag);
  const revalidated = await get('/api/file/done-1', {
    authorization: 'Bearer a',
    'if-none-match': etag,
  });
  expect(revalidated.status).toBe(304);
  expect(callsTo('done-1')).toBe(1);
});

it('keeps an answer for the credential that fetched it only', async () => {
  await get('/api/file/done-2');
  const other = await get('/api/file/done-2', { authorization: 'Bearer b' });
  expect(other.status).toBe(200);
  expect(callsTo('done-2')).toBe(2);
});

it('sends concurrent askers of one file and credential on one upstream request', async () => {
  const answers = await Promise.all(Array.from({ length: 10 }, () => get('/api/file/slow-1')));
  expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
  expect(callsTo('slow-1')).toBe(1);
});

it('keeps a result in progress fresh for a second only', async () => {
  await get('/api/file/running-1');
  await get('/api/file/running-1');
  expect(callsTo('running-1')).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  await get('/api/file/running-1');
  expect(callsTo('running-1')).toBe(2);
});

it.each([
  ['another file', 'another-file'],
  ['a body that is not JSON', 'not-json'],
  ['a body over the byte limit', 'too-large'],
])('refuses %s with a 502 and keeps nothing', async (_, id) => {
  expect((await get(`/api/file/${id}`)).status).toBe(502);
  expect((await get(`/api/file/${id}`)).status).toBe(502);
  expect(callsTo(id)).toBe(2);
});

it("passes the upstream's 404 on, and does not keep it", async () => {
  const answer = await get('/api/file/unknown');
  expect(answer.status).toBe(404);
  expect(await answer.json()).toEqual({ err: 'File not found' });
  await get('/api/file/unknown');
  expect(callsTo('unknown')).toBe(2);
});

it('sends nothing upstream for an id that is not one path segment, or with no credential', async () => {
  const before = asked.length;
  expect((await get('/api/file/a%2Fb')).status).toBe(400);
  expect((await get('/api/file/a%00b')).status).toBe(400);
  expect((await get('/api/file/done-3', {})).status).toBe(401);
  expect(asked.length).toBe(before);
});
