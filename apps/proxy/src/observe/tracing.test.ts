import { randomBytes } from 'node:crypto';
import { type ProxyProcess, startProxy } from '@mdss-kit/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvents } from '../../test/event-stream.ts';
import { startOtlpReceiver } from '../../test/otlp-receiver.ts';
import {
  files,
  gate,
  heldUntil,
  scanningFor,
  startUpstream,
  type UpstreamServer,
} from '../../test/upstream-server.ts';

const TOKEN = 'tracing-secret-token';
const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

let upstream: UpstreamServer;
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
let exporting: ProxyProcess;
let notExporting: ProxyProcess;

beforeAll(async () => {
  [upstream, receiver] = await Promise.all([startUpstream(), startOtlpReceiver()]);
  const env = { MDSS_URL: upstream.url, CACHE_KEY_SECRET: 'a tracing test secret' };
  [exporting, notExporting] = await Promise.all([
    startProxy({
      ...env,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_SERVICE_NAME: 'proxy-under-test',
      OTEL_BSP_SCHEDULE_DELAY: '50',
    }),
    startProxy(env),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([exporting?.stop(), notExporting?.stop()]);
  await Promise.all([upstream?.close(), receiver?.close()]);
});

function get(proxy: ProxyProcess, id: string, headers: Record<string, string> = {}) {
  return fetch(`${proxy.url}/api/file/${id}`, {
    headers: { authorization: `Bearer ${TOKEN}`, ...headers },
  }).then(async (response) => ({ status: response.status, body: await response.text() }));
}

/** The upstream call of file `id`: which traceparent and tracestate reached MDSS. */
function upstreamCallOf(id: string) {
  const calls = upstream.calls.filter((call) => call.path === `/api/file/${id}`);
  expect(calls).toHaveLength(1);
  return calls[0]?.headers ?? {};
}

describe('traces', () => {
  it("exports a miss as a tree under the caller's span, and sends MDSS the upstream span as parent", async () => {
    const traceId = hex(16);
    const callerSpan = hex(8);
    const id = '5e91c094efe27b0006480001';
    const answer = await get(exporting, id, {
      traceparent: `00-${traceId}-${callerSpan}-01`,
      tracestate: 'vendor=abc',
    });
    expect(answer.status).toBe(200);

    const spans = await receiver.trace(traceId, 5);
    const byName = (name: string) => {
      const found = spans.filter((span) => span.name === name);
      expect(found, name).toHaveLength(1);
      return found[0] as (typeof spans)[number];
    };
    const request = byName('GET /api/file/:id');
    const lookup = byName('cache lookup');
    const storeGet = byName('store get');
    const upstreamSpan = byName('upstream request');
    const storeSet = byName('store set');
    expect(spans).toHaveLength(5);

    expect(request).toMatchObject({ kind: 'server', parentSpanId: callerSpan });
    expect(request.service).toBe('proxy-under-test');
    expect(request.attributes).toMatchObject({
      'http.route': '/api/file/:id',
      'http.response.status_code': 200,
      'mdss_proxy.cache': 'miss',
    });
    expect(lookup).toMatchObject({ kind: 'internal', parentSpanId: request.spanId });
    expect(lookup.attributes).toMatchObject({
      'mdss_proxy.cache': 'miss',
      'mdss_proxy.collapsed': false,
    });
    expect(storeGet.parentSpanId).toBe(lookup.spanId);
    expect(storeSet.parentSpanId).toBe(lookup.spanId);
    expect(upstreamSpan).toMatchObject({ kind: 'client', parentSpanId: lookup.spanId });
    expect(upstreamSpan.attributes).toMatchObject({
      'http.response.status_code': 200,
      'mdss_proxy.upstream.outcome': 'result',
    });

    const sent = upstreamCallOf(id);
    expect(sent.traceparent).toBe(`00-${traceId}-${upstreamSpan.spanId}-01`);
    expect(sent.tracestate).toBe('vendor=abc');
  });

  it('exports a coalesced wait in the trace of the request that joined, with no upstream span of its own', async () => {
    const [leader, joiner] = [hex(16), hex(16)];
    const id = '5e91c094efe27b0006480002';
    // The upstream holds its answer until the second request has joined the first one's call:
    // the joiner's store lookup has ended (its span is exported), and it joins right after.
    const answered = gate();
    upstream.answer(heldUntil(answered.opened, files()));
    const first = get(exporting, id, { traceparent: `00-${leader}-${hex(8)}-01` });
    await expect
      .poll(() => upstream.calls.filter((call) => call.path.endsWith(id)))
      .toHaveLength(1);
    const second = get(exporting, id, { traceparent: `00-${joiner}-${hex(8)}-01` });
    expect((await receiver.trace(joiner, 1)).map((span) => span.name)).toEqual(['store get']);
    answered.open();
    expect((await Promise.all([first, second])).map((answer) => answer.status)).toEqual([200, 200]);
    upstream.answer(files());

    const spans = await receiver.trace(joiner, 4);
    expect(spans.map((span) => span.name).sort()).toEqual([
      'GET /api/file/:id',
      'cache lookup',
      'coalesced wait',
      'store get',
    ]);
    const lookup = spans.find((span) => span.name === 'cache lookup');
    const request = spans.find((span) => span.kind === 'server');
    expect(lookup?.parentSpanId).toBe(request?.spanId);
    expect(lookup?.attributes).toMatchObject({
      'mdss_proxy.cache': 'miss',
      'mdss_proxy.collapsed': true,
    });
    for (const name of ['coalesced wait', 'store get']) {
      expect(spans.find((span) => span.name === name)?.parentSpanId, name).toBe(lookup?.spanId);
    }
    // The one upstream request belongs to the trace of the request that made it.
    const leaderSpans = await receiver.trace(leader, 5);
    const upstreamSpan = leaderSpans.find((span) => span.name === 'upstream request');
    expect(upstreamCallOf(id).traceparent).toBe(`00-${leader}-${upstreamSpan?.spanId}-01`);
  });

  it("gives each poll of a watch its own trace, linked to the streams it serves, and sends MDSS that poll's span", async () => {
    const id = '5e91c094efe27b0006480005';
    upstream.answer(scanningFor(2500));
    const open = (traceId: string) =>
      fetch(`${exporting.url}/api/file/${id}/events`, {
        headers: { authorization: `Bearer ${TOKEN}`, traceparent: `00-${traceId}-${hex(8)}-01` },
      }).then(readEvents);
    const [first, second] = [hex(16), hex(16)];
    const one = await open(first);
    await one.until(1);
    const two = await open(second);
    await Promise.all([one.ended, two.ended]);
    upstream.answer(files());

    const [firstStream, secondStream] = await Promise.all(
      [first, second].map(async (traceId) =>
        (await receiver.trace(traceId, 1)).find((span) => span.kind === 'server'),
      ),
    );
    const polls = () =>
      receiver.spans.filter(
        (span) =>
          span.name === 'watch poll' &&
          span.links.some((link) => link.spanId === firstStream?.spanId),
      );
    // One poll a second for 2.5 s; the ones after the second stream came serve both.
    await expect.poll(() => polls().length).toBeGreaterThanOrEqual(2);
    for (const poll of polls()) {
      expect(poll.parentSpanId).toBeUndefined();
      expect([first, second]).not.toContain(poll.traceId);
    }
    const servingBoth = polls().filter((poll) =>
      poll.links.some((link) => link.traceId === second && link.spanId === secondStream?.spanId),
    );
    expect(servingBoth.length).toBeGreaterThanOrEqual(1);
    // Each upstream call went out under a poll's own trace, but a stream's own first look (its
    // request's lookup, a miss), at most one per stream, in that stream's trace.
    const calls = upstream.calls.filter((call) => call.path === `/api/file/${id}`);
    const callTraces = calls.map((call) => TRACEPARENT.exec(String(call.headers.traceparent))?.[1]);
    const ofStreams = callTraces.filter((traceId) => traceId === first || traceId === second);
    expect(callTraces.filter((traceId) => traceId === first)).toHaveLength(1);
    expect(callTraces.filter((traceId) => traceId === second).length).toBeLessThanOrEqual(1);
    await expect
      .poll(() => {
        const pollTraces = new Set(polls().map((poll) => poll.traceId));
        return callTraces.filter((traceId) => !pollTraces.has(traceId ?? '')).length;
      })
      .toBe(ofStreams.length);
    expect(calls.length - ofStreams.length).toBeGreaterThanOrEqual(2);
  });

  it('never exports a token or a file id', () => {
    const exported = receiver.bodies.join('\n');
    expect(exported.length).toBeGreaterThan(0);
    expect(exported).not.toContain(TOKEN);
    expect(exported).not.toContain('5e91c094efe27b000648');
  });

  it('sends MDSS a traceparent of its own span without an exporter, in the caller’s trace or a new one', async () => {
    const traceId = hex(16);
    const callerSpan = hex(8);
    const joined = '5e91c094efe27b0006480003';
    await get(notExporting, joined, { traceparent: `00-${traceId}-${callerSpan}-01` });
    const [, sentTrace, sentParent] =
      TRACEPARENT.exec(String(upstreamCallOf(joined).traceparent)) ?? [];
    expect(sentTrace).toBe(traceId);
    expect(sentParent).not.toBe(callerSpan);

    const fresh = '5e91c094efe27b0006480004';
    await get(notExporting, fresh, { traceparent: 'not a traceparent' });
    const [, newTrace] = TRACEPARENT.exec(String(upstreamCallOf(fresh).traceparent)) ?? [];
    expect(newTrace).toMatch(/^[0-9a-f]{32}$/);
    expect(newTrace).not.toBe('0'.repeat(32));
  });
});
