import { BodyTooLargeError } from '@mdss-kit/contract';
import { freePort } from '@mdss-kit/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  delayed,
  files,
  json,
  startUpstream,
  type UpstreamServer,
} from '../../test/upstream-server.ts';
import { COORDINATOR_HEADER, FileCoordinator, replyOf, sharedReplyOf } from './durable-object.ts';

const MAX_BYTES = 1024;

describe('FileCoordinator: the shared upstream GET', () => {
  let upstream: UpstreamServer;
  let coordinator: FileCoordinator;
  beforeAll(async () => {
    upstream = await startUpstream();
    coordinator = new FileCoordinator(undefined, {
      MDSS_URL: upstream.url,
      // A deadline only a hang reaches: the answers here take 200 ms at most.
      UPSTREAM_TIMEOUT_MS: '10000',
      UPSTREAM_MAX_BYTES: String(MAX_BYTES),
    });
  });
  afterAll(async () => {
    await upstream?.close();
  });

  const flight = (url: string, token: string) =>
    coordinator.fetch(
      new Request(url, {
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          'x-request-id': 'r-1',
          [COORDINATOR_HEADER]: 'flight',
        },
      }),
    );
  const callsTo = (id: string) =>
    upstream.calls.filter((call) => call.path === `/api/file/${id}`).length;

  it('makes one upstream request for concurrent asks of one credential, and gives each the same answer', async () => {
    upstream.answer(delayed(200, json(200, { id: 'one-1' }, { 'cache-control': 'max-age=60' })));
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => flight(`${upstream.url}/api/file/one-1`, 'a')),
    );
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.headers.get(COORDINATOR_HEADER)).toBe('answer');
      expect(response.headers.get('cache-control')).toBe('max-age=60');
      expect(await response.json()).toEqual({ id: 'one-1' });
    }
    expect(callsTo('one-1')).toBe(1);
    expect(upstream.calls.at(-1)?.headers).toMatchObject({
      authorization: 'Bearer a',
      accept: 'application/json',
      'x-request-id': 'r-1',
    });
  });

  it('never shares a flight between two credentials, even in the same object', async () => {
    upstream.answer(delayed(200, files()));
    const bodies = await Promise.all(
      ['a', 'b'].map(async (token) =>
        (await flight(`${upstream.url}/api/file/two-1`, token)).json(),
      ),
    );
    expect(bodies.map((body) => body.servedTo)).toEqual(['Bearer a', 'Bearer b']);
    expect(callsTo('two-1')).toBe(2);
  });

  it('refuses a URL outside MDSS_URL/api/file/ with a 400, and asks nobody', async () => {
    const before = upstream.calls.length;
    const response = await flight('http://127.0.0.1:9/elsewhere', 'a');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(`${upstream.url}/api/file/`);
    expect(upstream.calls.length).toBe(before);
  });

  it('says too-large for a body over UPSTREAM_MAX_BYTES, which the Worker reads as BodyTooLargeError', async () => {
    upstream.answer(json(200, { id: 'big-1', pad: 'x'.repeat(MAX_BYTES) }));
    const response = await flight(`${upstream.url}/api/file/big-1`, 'a');
    expect(response.headers.get(COORDINATOR_HEADER)).toBe('too-large');
    const shared = await sharedReplyOf(response);
    expect(shared).toEqual({ kind: 'too-large', maxBytes: MAX_BYTES });
    if (!shared) throw new Error('no reply');
    await expect(replyOf(shared).read(MAX_BYTES)).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it('drops the body of a status the Worker does not pass through, unread', async () => {
    upstream.answer(json(503, { err: 'busy' }, { 'retry-after': '3' }));
    const response = await flight(`${upstream.url}/api/file/busy-1`, 'a');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(await response.text()).toBe('');
  });

  it('says unreachable, with the reason, when the upstream cannot be reached', async () => {
    const port = await freePort();
    const closed = new FileCoordinator(undefined, { MDSS_URL: `http://127.0.0.1:${port}` });
    const response = await closed.fetch(
      new Request(`http://127.0.0.1:${port}/api/file/gone-1`, {
        headers: { authorization: 'Bearer a', [COORDINATOR_HEADER]: 'flight' },
      }),
    );
    const shared = await sharedReplyOf(response);
    expect(shared?.kind).toBe('unreachable');
    if (!shared) throw new Error('no reply');
    expect(() => replyOf(shared)).toThrow();
  });

  it('reads an answer without its mark as none (something else answered)', async () => {
    expect(await sharedReplyOf(new Response('oops', { status: 500 }))).toBeUndefined();
  });
});
