import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startClosingUpstream } from '../../test/closing-upstream.ts';
import {
  delayed,
  files,
  json,
  startUpstream,
  type UpstreamServer,
} from '../../test/upstream-server.ts';
import { createUpstream } from '../upstream/request.ts';
import { createNodeExchange } from './node-exchange.ts';

let upstream: UpstreamServer;
let fetchFile: ReturnType<typeof createUpstream>;
/** The same, with a deadline short enough to pass in a test. */
let fetchFileSoon: ReturnType<typeof createUpstream>;
const headers = { authorization: 'Bearer t', accept: 'application/json', requestId: 'r-1' };

beforeEach(async () => {
  upstream = await startUpstream();
  const exchange = createNodeExchange();
  const options = { baseUrl: upstream.url, maxBytes: 4096, exchange };
  // A cold first request on a busy CI machine can take over 100 ms: only the deadline tests
  // run with one that short.
  fetchFile = createUpstream({ ...options, timeoutMs: 10_000 });
  fetchFileSoon = createUpstream({ ...options, timeoutMs: 100 });
});
afterEach(async () => {
  await upstream.close();
});

describe('the upstream over node:http', () => {
  it('reads a result, sending only the given headers', async () => {
    upstream.answer(files());
    const outcome = await fetchFile('abc', headers);
    expect(outcome).toMatchObject({ kind: 'result', result: { id: 'abc' } });
    const [call] = upstream.calls;
    expect(call?.headers).toMatchObject({
      authorization: 'Bearer t',
      accept: 'application/json',
      'x-request-id': 'r-1',
    });
  });

  it('reads a body, in one chunk or many, into a buffer of its own that keeps nothing else alive', async () => {
    const text = `{"id":"a","pad":"${'x'.repeat(3000)}"}`;
    const inOneChunk = json(200, JSON.parse(text));
    const inTwoChunks = (_call: unknown, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(text.slice(0, 1000));
      setTimeout(() => res.end(text.slice(1000)), 20);
    };
    for (const answer of [inOneChunk, inTwoChunks]) {
      upstream.answer(answer);
      const outcome = await fetchFile('a', headers);
      if (outcome.kind !== 'result') throw new Error(`expected a result, got ${outcome.kind}`);
      const { bytes } = outcome;
      expect(new TextDecoder().decode(bytes)).toBe(text);
      expect([bytes.byteOffset, bytes.buffer.byteLength]).toEqual([0, bytes.byteLength]);
    }
  });

  it('sends each URL to its own origin and path, a base path included', async () => {
    const other = await startUpstream();
    const exchange = createNodeExchange();
    try {
      const sent = { accept: 'application/json' };
      for (const url of [
        `${upstream.url}/base/api/file/a`,
        `${other.url}/api/file/b`,
        `${upstream.url}/api/file/c`,
      ]) {
        (await exchange(url, sent, 10_000)).discard();
      }
      expect(upstream.calls.map((call) => call.path)).toEqual(['/base/api/file/a', '/api/file/c']);
      expect(other.calls.map((call) => call.path)).toEqual(['/api/file/b']);
    } finally {
      await other.close();
    }
  });

  it('reuses its connection for the next request', async () => {
    await fetchFile('a', headers);
    await fetchFile('b', headers);
    expect(upstream.calls.map((call) => call.headers.connection)).toEqual([
      'keep-alive',
      'keep-alive',
    ]);
  });

  it('passes a 404 through with its JSON, and a 429 with Retry-After', async () => {
    upstream.answer(json(404, { err: 'no' }));
    expect(await fetchFile('a', headers)).toEqual({
      kind: 'client-error',
      status: 404,
      json: { err: 'no' },
      retryAfter: null,
    });
    upstream.answer(json(429, {}, { 'retry-after': '3' }));
    expect(await fetchFile('a', headers)).toMatchObject({ status: 429, retryAfter: '3' });
  });

  it('times out, and aborts the request, when no answer comes', async () => {
    upstream.answer(delayed(1000, files()));
    expect(await fetchFileSoon('a', headers)).toEqual({ kind: 'timeout' });
    await expect.poll(() => upstream.calls[0]?.aborted).toBe(true);
  });

  it('times out when the body stalls after the headers', async () => {
    upstream.answer((_call, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":');
    });
    expect(await fetchFileSoon('a', headers)).toEqual({ kind: 'timeout' });
  });

  it('reports a connection reset mid-body as unreachable', async () => {
    upstream.answer((_call, res: ServerResponse) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"id":"a');
      setTimeout(() => res.destroy(), 5);
    });
    expect(await fetchFile('a', headers)).toMatchObject({ kind: 'unreachable' });
  });

  it('refuses a body over the limit, declared or streamed', async () => {
    upstream.answer(json(200, { id: 'a', pad: 'x'.repeat(5000) }));
    expect(await fetchFile('a', headers)).toMatchObject({
      kind: 'invalid',
      reason: 'the body is larger than 4096 bytes',
    });
    upstream.answer((_call, res: ServerResponse) => {
      res.writeHead(200);
      res.write(`{"id":"a","pad":"${'x'.repeat(3000)}`);
      res.end(`${'x'.repeat(3000)}"}`);
    });
    expect(await fetchFile('a', headers)).toMatchObject({ kind: 'invalid' });
  });

  it('asks again on a fresh connection when a reused one is closed before any answer (the keep-alive race)', async () => {
    const closing = await startClosingUpstream();
    try {
      const exchange = createNodeExchange();
      const fetchClosing = createUpstream({
        baseUrl: closing.url,
        maxBytes: 4096,
        timeoutMs: 10_000,
        exchange,
      });
      expect(await fetchClosing('a', headers)).toMatchObject({ kind: 'result' });
      // The pooled socket is reused, and the upstream closes it as the request arrives.
      expect(await fetchClosing('b', headers)).toMatchObject({
        kind: 'result',
        result: { id: 'b' },
      });
      expect(closing.dropped).toBe(1);
      expect(closing.connections).toBe(2);
      expect(closing.answered).toBe(2);
    } finally {
      await closing.close();
    }
  });

  it('asks once only: a fresh connection closed before any answer is unreachable', async () => {
    upstream.answer((_call, res: ServerResponse) => void res.socket?.destroy());
    expect(await fetchFile('a', headers)).toMatchObject({ kind: 'unreachable' });
    expect(upstream.calls).toHaveLength(1);
  });

  it('does not ask again when a reused connection fails after the answer began', async () => {
    await fetchFile('a', headers);
    upstream.answer((_call, res: ServerResponse) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"id":"b');
      setTimeout(() => res.destroy(), 5);
    });
    expect(await fetchFile('b', headers)).toMatchObject({ kind: 'unreachable' });
    expect(upstream.calls).toHaveLength(2);
  });

  it('reports a refused connection as unreachable', async () => {
    await upstream.close();
    expect(await fetchFile('a', headers)).toMatchObject({ kind: 'unreachable' });
    upstream = await startUpstream();
  });
});
