// One conformance suite for every runtime: the same cases, over real HTTP, against a real
// upstream on 127.0.0.1 whose calls are counted. Every test name starts with the runtime's, so a
// failure says where it failed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClosingUpstream } from '../test/closing-upstream.ts';
import { contractBody } from '../test/harness.ts';
import { startOtlpReceiver } from '../test/otlp-receiver.ts';
import { procFigures, samples } from '../test/proc-figures.ts';
import { rawGet } from '../test/raw-http.ts';
import { idleAfterOneRequest, silent, slowloris } from '../test/slow-client.ts';
import {
  delayed,
  files,
  json,
  resultFor,
  startUpstream,
  type UpstreamServer,
} from '../test/upstream-server.ts';
import type { RunningProxy, StartProxy } from './runtimes.ts';

/** What a runtime can do about connections that hold on without a request (README, Differences). */
export interface ConnectionDeadlines {
  /** The runtime's own deadline for a request head, when HEADERS_TIMEOUT_MS cannot set it. */
  fixedHeadDeadlineMs?: number;
  /** Why the runtime's connections cannot be tested here at all. */
  skip?: string;
}

/**
 * A real upstream on 127.0.0.1 and the proxy in front of it, started once for a describe block
 * (its MDSS_URL set) and stopped after it; read `upstream` and `proxy` inside tests.
 */
export function proxyInFrontOfUpstream(
  start: StartProxy,
  env: Record<string, string>,
): { readonly upstream: UpstreamServer; readonly proxy: RunningProxy } {
  const running = {} as { upstream: UpstreamServer; proxy: RunningProxy };
  beforeAll(async () => {
    running.upstream = await startUpstream();
    running.proxy = await start({ MDSS_URL: running.upstream.url, ...env });
  }, 120_000);
  afterAll(async () => {
    await running.proxy?.stop();
    await running.upstream?.close();
  });
  return running;
}

/** What a runtime offers of the proxy's operations endpoints and traces (README, Operations). */
export interface Operations {
  /** GET /metrics (process runtimes). */
  metrics: boolean;
  /** Spans exported over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set. */
  exportsSpans: boolean;
  /** A port of their own for /readyz and /metrics (OPS_PORT); a Worker has one origin. */
  opsPort: boolean;
  /**
   * Process metrics the runtime would report falsely, in ways /proc cannot show (measured:
   * README, Operations), and must leave out.
   */
  falseMetrics?: readonly string[];
}

export function conformance(
  runtime: string,
  start: StartProxy,
  deadlines: ConnectionDeadlines = {},
  operations: Operations = { metrics: true, exportsSpans: true, opsPort: true },
): void {
  connectionDeadlines(runtime, start, deadlines);
  operationsOf(runtime, start, operations);
  operatorOnly(runtime, start, operations);
  keepAliveRace(runtime, start);

  describe(`${runtime}: the proxy over real HTTP`, () => {
    const running = proxyInFrontOfUpstream(start, {
      // Far above the slowest answer a passing test waits for (300 ms), far below the 3 s one.
      UPSTREAM_TIMEOUT_MS: '1500',
      CACHE_KEY_SECRET: 'conformance secret, 32 chars..',
    });

    const get = (
      path: string,
      token: string | null = 'token-a',
      headers: Record<string, string> = {},
    ) =>
      fetch(running.proxy.url + path, {
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      });
    const callsTo = (id: string) =>
      running.upstream.calls.filter((call) => call.path === `/api/file/${id}`).length;

    it(`${runtime}: answers a miss, then a hit for the same token and id, and the summary from the same entry`, async () => {
      running.upstream.answer(files());
      const miss = await get('/api/file/hit-1');
      expect(miss.status).toBe(200);
      expect(miss.headers.get('cache-status')).toMatch(
        /^mdss-proxy; fwd=uri-miss; fwd-status=200; stored/,
      );
      expect((await contractBody(miss, '/api/file/hit-1')).id).toBe('hit-1');
      await expect
        .poll(async () => (await get('/api/file/hit-1')).headers.get('cache-status'))
        .toMatch(/^mdss-proxy; hit; ttl=\d+$/);
      const summary = await get('/api/file/hit-1/summary');
      expect(summary.headers.get('cache-status')).toMatch(/^mdss-proxy; hit/);
      expect(await contractBody(summary, '/api/file/hit-1/summary')).toMatchObject({
        id: 'hit-1',
        state: 'available',
        done: true,
      });
      expect(callsTo('hit-1')).toBe(1);
    });

    it(`${runtime}: passes a non-ASCII body through byte for byte, with its length in bytes, miss and hit`, async () => {
      const body = Buffer.from(
        JSON.stringify({ id: 'utf8-1', processingState: 2, name: 'résumé €.pdf' }),
      );
      running.upstream.answer((_call, res) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      });
      for (const expected of [/fwd=uri-miss/, /^mdss-proxy; hit/]) {
        await expect
          .poll(async () => (await get('/api/file/utf8-1')).headers.get('cache-status'))
          .toMatch(expected);
        // workerd compresses JSON for a client that accepts gzip (its length then unknown).
        const answer = await get('/api/file/utf8-1', 'token-a', { 'accept-encoding': 'identity' });
        expect(answer.headers.get('content-length')).toBe(String(body.byteLength));
        expect(Buffer.from(await answer.arrayBuffer()).equals(body)).toBe(true);
      }
      const summary = await get('/api/file/utf8-1/summary');
      expect(await contractBody(summary, '/api/file/utf8-1/summary')).toMatchObject({
        name: 'résumé €.pdf',
      });
    });

    it(`${runtime}: never serves one token's result to another`, async () => {
      running.upstream.answer(files());
      const a = await contractBody(await get('/api/file/iso-1', 'token-a'), '/api/file/iso-1');
      const b = await contractBody(await get('/api/file/iso-1', 'token-b'), '/api/file/iso-1');
      expect(a.servedTo).toBe('Bearer token-a');
      expect(b.servedTo).toBe('Bearer token-b');
      expect(callsTo('iso-1')).toBe(2);
    });

    it.each([
      '/api/file/%2e%2e',
      '/api/file/a%2Fb',
      '/api/file/a%5Cb',
      '/api/file/%00',
      `/api/file/${'x'.repeat(129)}`,
      '/api/file/..',
    ])(`${runtime}: answers 400 to the request target %s and calls no upstream`, async (target) => {
      const before = running.upstream.calls.length;
      const { status, body } = await rawGet(running.proxy.url, target, 'conformance');
      expect(status).toBe(400);
      expect(JSON.parse(body).type).toMatch(/^urn:mdss-kit:problem:invalid-(id|path)$/);
      expect(running.upstream.calls.length).toBe(before);
    });

    it(`${runtime}: resolves dot segments as the URL parser does: /api/file/x/../y is the file y`, async () => {
      running.upstream.answer(files());
      for (const target of ['/api/file/x/../dots-1', '/api/file/x/%2e%2E/dots-1/summary']) {
        const { status, body } = await rawGet(running.proxy.url, target, 'conformance');
        expect(status, target).toBe(200);
        expect(JSON.parse(body).id).toBe('dots-1');
      }
      // Each reached the upstream, if at all (the second may be a hit), as the file itself.
      const paths = running.upstream.calls.filter((call) => call.path.includes('dots-1'));
      expect(new Set(paths.map((call) => call.path))).toEqual(new Set(['/api/file/dots-1']));
    });

    it(`${runtime}: refuses a target with a byte that is not UTF-8, and calls no upstream`, async () => {
      const before = running.upstream.calls.length;
      const target = Buffer.concat([
        Buffer.from('/api/file/bad'),
        Buffer.from([0xff]),
        Buffer.from('id'),
      ]);
      const { status } = await rawGet(running.proxy.url, target, 'conformance');
      expect(status).toBe(400);
      expect(running.upstream.calls.length).toBe(before);
    });

    it(`${runtime}: refuses a request with two Authorization headers, even for a cached result`, async () => {
      running.upstream.answer(files());
      await expect
        .poll(async () => (await get('/api/file/two-creds')).headers.get('cache-status'))
        .toMatch(/^mdss-proxy; hit/);
      const before = running.upstream.calls.length;
      for (const second of ['Bearer token-b', 'Bearer token-a']) {
        const { status, body } = await rawGet(running.proxy.url, '/api/file/two-creds', 'token-a', [
          `Authorization: ${second}`,
        ]);
        expect(status).toBe(401);
        expect(JSON.parse(body)).toMatchObject({
          type: 'urn:mdss-kit:problem:unauthorized',
          detail: 'Send one credential: the request has more than one Authorization header.',
        });
      }
      expect(running.upstream.calls.length).toBe(before);
    });

    it(`${runtime}: stores nothing the upstream marks no-store`, async () => {
      running.upstream.answer((call, res) =>
        json(200, resultFor('no-store-1', call.headers.authorization), {
          'cache-control': 'no-store',
        })(call, res),
      );
      for (let i = 0; i < 3; i++) {
        const response = await get('/api/file/no-store-1');
        expect(response.headers.get('cache-status')).toBe(
          'mdss-proxy; fwd=uri-miss; fwd-status=200',
        );
        await response.arrayBuffer();
      }
      expect(callsTo('no-store-1')).toBe(3);
    });

    it(`${runtime}: answers 401 without a bearer token and calls no upstream`, async () => {
      const before = running.upstream.calls.length;
      const response = await get('/api/file/auth-1', null);
      expect(response.status).toBe(401);
      expect((await contractBody(response, '/api/file/auth-1')).type).toBe(
        'urn:mdss-kit:problem:unauthorized',
      );
      expect(running.upstream.calls.length).toBe(before);
    });

    it(`${runtime}: drops an unwanted upstream body at once instead of reading it on (a 500 trickling in)`, async () => {
      running.upstream.answer((_call, res) => {
        res.writeHead(500, { 'content-type': 'application/json', 'content-length': '10000' });
        const trickle = setInterval(() => res.write(' '), 100);
        res.on('close', () => clearInterval(trickle));
      });
      const response = await get('/api/file/trickle-1');
      expect(response.status).toBe(502);
      // Well within the upstream timeout (1.5 s) the proxy has hung up on the rest of the body.
      await expect
        .poll(
          () => running.upstream.calls.find((call) => call.path === '/api/file/trickle-1')?.aborted,
          {
            timeout: 1000,
          },
        )
        .toBe(true);
    });

    it(`${runtime}: answers 504 when the upstream is slower than UPSTREAM_TIMEOUT_MS`, async () => {
      running.upstream.answer(delayed(3000, files()));
      const response = await get('/api/file/slow-1');
      expect(response.status).toBe(504);
      expect((await contractBody(response, '/api/file/slow-1')).type).toBe(
        'urn:mdss-kit:problem:upstream-timeout',
      );
    });

    it(`${runtime}: answers 502 naming an upstream 500, and caches nothing`, async () => {
      running.upstream.answer(json(500, { err: 'down' }));
      const response = await get('/api/file/down-1');
      expect(response.status).toBe(502);
      expect(await contractBody(response, '/api/file/down-1')).toMatchObject({
        upstreamStatus: 500,
      });
      await (await get('/api/file/down-1')).arrayBuffer();
      expect(callsTo('down-1')).toBe(2);
    });

    it(`${runtime}: passes an upstream 404 through`, async () => {
      running.upstream.answer(json(404, { 'gone-1': 'Not Found' }));
      const response = await get('/api/file/gone-1');
      expect(response.status).toBe(404);
      expect(await contractBody(response, '/api/file/gone-1')).toEqual({ 'gone-1': 'Not Found' });
    });

    it(`${runtime}: coalesces 20 concurrent requests for one token and id into one upstream call`, async () => {
      running.upstream.answer(delayed(300, files()));
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => get('/api/file/burst-1')),
      );
      for (const response of responses)
        expect((await contractBody(response, '/api/file/burst-1')).id).toBe('burst-1');
      expect(callsTo('burst-1')).toBe(1);
    });

    it(`${runtime}: sends and answers the documented headers, and only those`, async () => {
      running.upstream.answer(
        json(
          200,
          { id: 'hdr-1', processingState: 2, progress: { upload: 100, scan: 100 }, scanResult: {} },
          { 'x-upstream-secret': '1', 'keep-alive': 'timeout=5' },
        ),
      );
      const response = await get('/api/file/hdr-1', 'token-a', {
        'x-request-id': 'conf-1',
        cookie: 'session=1',
        'x-custom': 'no',
        accept: 'application/json',
      });
      expect(response.headers.get('x-request-id')).toBe('conf-1');
      expect(response.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
      expect(response.headers.get('x-upstream-secret')).toBeNull();
      const etag = response.headers.get('etag') ?? '';
      expect(etag).toMatch(/^".+"$/);
      await response.arrayBuffer();
      const call = running.upstream.calls.find((c) => c.path === '/api/file/hdr-1');
      expect(call?.headers).toMatchObject({
        authorization: 'Bearer token-a',
        accept: 'application/json',
        'x-request-id': 'conf-1',
      });
      for (const name of ['cookie', 'x-custom']) expect(call?.headers[name], name).toBeUndefined();
      const again = await get('/api/file/hdr-1', 'token-a', { 'if-none-match': etag });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
    });
  });
}

const OPS_TOKEN = 'conformance-ops-token-0123456789';

/** /readyz and /metrics for the operator only: OPS_TOKEN everywhere, OPS_PORT where there is a port. */
function operatorOnly(runtime: string, start: StartProxy, operations: Operations): void {
  const paths = operations.metrics ? ['/readyz', '/metrics'] : ['/readyz'];
  describe(`${runtime}: operations endpoints for the operator only`, () => {
    const running = proxyInFrontOfUpstream(start, {
      OPS_TOKEN,
      CACHE_KEY_SECRET: 'conformance secret, 32 chars..',
      ...(operations.opsPort ? { OPS_PORT: '0' } : {}),
    });

    it(`${runtime}: answers ${paths.join(' and ')} only with the OPS_TOKEN bearer${operations.opsPort ? ', on OPS_PORT only' : ''}`, async () => {
      const { url, opsUrl } = running.proxy;
      const ops = operations.opsPort ? (opsUrl ?? '') : url;
      if (operations.opsPort) {
        expect(ops).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(ops).not.toBe(url);
      }
      for (const path of paths) {
        if (operations.opsPort) {
          const elsewhere = await fetch(url + path, {
            headers: { authorization: `Bearer ${OPS_TOKEN}` },
          });
          expect(elsewhere.status, `${path} on the public port`).toBe(404);
          await contractBody(elsewhere, '/readyz');
        }
        for (const authorization of [undefined, 'Bearer token-a', `Bearer ${OPS_TOKEN}0`]) {
          const refused = await fetch(ops + path, {
            headers: authorization ? { authorization } : {},
          });
          expect(refused.status, `${path} with ${authorization}`).toBe(401);
          expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer /);
          await contractBody(refused, '/readyz');
        }
        const allowed = await fetch(ops + path, {
          headers: { authorization: `Bearer ${OPS_TOKEN}` },
        });
        expect(allowed.status, path).toBe(200);
        await allowed.arrayBuffer();
      }
      // Liveness stays open, on the public port.
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    });
  });
}

/**
 * A pooled connection to MDSS that MDSS closes just as it is reused (an idle keep-alive socket it
 * times out) costs the client nothing: the GET is asked again on a fresh connection.
 */
function keepAliveRace(runtime: string, start: StartProxy): void {
  describe(`${runtime}: the keep-alive race with MDSS`, () => {
    let closing: Awaited<ReturnType<typeof startClosingUpstream>>;
    let proxy: RunningProxy;
    beforeAll(async () => {
      closing = await startClosingUpstream();
      proxy = await start({
        MDSS_URL: closing.url,
        UPSTREAM_TIMEOUT_MS: '10000',
        CACHE_KEY_SECRET: 'conformance secret, 32 chars..',
      });
    }, 120_000);
    afterAll(async () => {
      await proxy?.stop();
      await closing?.close();
    });

    it(`${runtime}: answers every miss when MDSS closes each reused connection as the next request arrives`, async () => {
      const statuses: number[] = [];
      for (const id of ['race-1', 'race-2', 'race-3']) {
        const answer = await fetch(`${proxy.url}/api/file/${id}`, {
          headers: { authorization: 'Bearer token-a' },
        });
        statuses.push(answer.status);
        await answer.arrayBuffer();
      }
      expect(statuses).toEqual([200, 200, 200]);
      // The race was run: a reused connection was closed under a request at least once.
      expect(closing.dropped).toBeGreaterThanOrEqual(1);
      expect(closing.answered).toBe(3);
    });
  });
}

// Small settings, so that the cases take seconds; generous margins, for a busy 2-core machine.
const HEADERS_TIMEOUT_MS = 2000;
const IDLE_TIMEOUT_MS = 2000;
const MARGIN_MS = 3000;

function connectionDeadlines(runtime: string, start: StartProxy, deadlines: ConnectionDeadlines) {
  const title = `${runtime}: connection deadlines${deadlines.skip ? ` (skipped: ${deadlines.skip})` : ''}`;
  describe.skipIf(deadlines.skip !== undefined)(title, () => {
    const running = proxyInFrontOfUpstream(start, {
      HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      IDLE_TIMEOUT_MS: String(IDLE_TIMEOUT_MS),
      UPSTREAM_TIMEOUT_MS: '20000',
    });
    const headDeadlineMs = deadlines.fixedHeadDeadlineMs ?? HEADERS_TIMEOUT_MS;

    it(`${runtime}: closes a connection whose request head has not all arrived within HEADERS_TIMEOUT_MS (slowloris)`, async () => {
      // A byte every 250 ms: never idle, never done.
      const held = await slowloris(running.proxy.url, { giveUpMs: 3 * headDeadlineMs });
      expect(held.closedAfterMs).toBeDefined();
      expect(held.closedAfterMs).toBeGreaterThanOrEqual(headDeadlineMs * 0.75);
      expect(held.closedAfterMs).toBeLessThan(headDeadlineMs + MARGIN_MS);
    }, 60_000);

    it(`${runtime}: closes a connection that sends nothing within HEADERS_TIMEOUT_MS`, async () => {
      const held = await silent(running.proxy.url, { giveUpMs: 3 * headDeadlineMs });
      expect(held.closedAfterMs).toBeDefined();
      expect(held.closedAfterMs).toBeLessThan(headDeadlineMs + MARGIN_MS);
    }, 60_000);

    it(`${runtime}: closes an idle keep-alive connection after IDLE_TIMEOUT_MS`, async () => {
      const held = await idleAfterOneRequest(running.proxy.url, {
        giveUpMs: 3 * IDLE_TIMEOUT_MS + MARGIN_MS,
      });
      expect(held.status).toBe(200);
      expect(held.closedAfterMs).toBeDefined();
      // Kept alive at first (not closed after the answer), then closed.
      expect(held.closedAfterMs).toBeGreaterThanOrEqual(IDLE_TIMEOUT_MS * 0.75);
      expect(held.closedAfterMs).toBeLessThan(IDLE_TIMEOUT_MS + MARGIN_MS);
    }, 60_000);

    it(`${runtime}: closes a connection after IDLE_TIMEOUT_MS once the event stream it carried has ended`, async () => {
      const held = await idleAfterOneRequest(running.proxy.url, {
        path: '/api/file/stream-then-idle/events',
        headers: ['Authorization: Bearer token-a'],
        giveUpMs: 3 * IDLE_TIMEOUT_MS + MARGIN_MS,
      });
      expect(held.status).toBe(200);
      expect(held.closedAfterMs).toBeDefined();
    }, 60_000);

    it(`${runtime}: keeps a connection whose answer takes longer than both deadlines`, async () => {
      const slowMs = Math.max(HEADERS_TIMEOUT_MS, IDLE_TIMEOUT_MS) + MARGIN_MS;
      running.upstream.answer(delayed(slowMs, files()));
      const answer = await fetch(`${running.proxy.url}/api/file/slow-answer`, {
        headers: { authorization: 'Bearer token-a' },
      });
      expect(answer.status).toBe(200);
      expect((await answer.json()).id).toBe('slow-answer');
    }, 60_000);
  });
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;
const hexOf = (length: number) =>
  Array.from({ length }, () => Math.floor(Math.random() * 16).toString(16)).join('');

function operationsOf(runtime: string, start: StartProxy, operations: Operations): void {
  describe(`${runtime}: metrics, traces and readiness`, () => {
    let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
    const env: Record<string, string> = {
      OTEL_BSP_SCHEDULE_DELAY: '50',
      CACHE_KEY_SECRET: 'conformance secret, 32 chars..',
    };
    beforeAll(async () => {
      receiver = await startOtlpReceiver();
      env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
    });
    afterAll(async () => {
      await receiver?.close();
    });
    const running = proxyInFrontOfUpstream(start, env);
    const get = (path: string, headers: Record<string, string> = {}) =>
      fetch(running.proxy.url + path, { headers: { authorization: 'Bearer token-a', ...headers } });

    it(`${runtime}: sends MDSS a traceparent naming the proxy's own span, in the caller's trace${operations.exportsSpans ? ', and exports that span' : ''}`, async () => {
      running.upstream.answer(files());
      const traceId = hexOf(32);
      const callerSpan = hexOf(16);
      const answer = await get('/api/file/traced-1', {
        traceparent: `00-${traceId}-${callerSpan}-01`,
      });
      expect(answer.status).toBe(200);
      await answer.arrayBuffer();
      const [call] = running.upstream.calls.filter((c) => c.path === '/api/file/traced-1');
      const [, sentTrace, sentParent] = TRACEPARENT.exec(String(call?.headers.traceparent)) ?? [];
      expect(sentTrace).toBe(traceId);
      expect(sentParent).toMatch(/^[0-9a-f]{16}$/);
      expect(sentParent).not.toBe(callerSpan);
      if (!operations.exportsSpans) return;
      const spans = await receiver.trace(traceId, 5);
      const upstreamSpan = spans.find((span) => span.spanId === sentParent);
      expect(upstreamSpan).toMatchObject({ name: 'upstream request', kind: 'client' });
      const request = spans.find((span) => span.kind === 'server');
      expect(request).toMatchObject({ name: 'GET /api/file/:id', parentSpanId: callerSpan });
    });

    it(`${runtime}: ${operations.metrics ? 'counts the miss and the hit at /metrics' : 'serves no /metrics'}`, async () => {
      running.upstream.answer(files());
      for (let i = 0; i < 2; i++) await (await get('/api/file/counted-1')).arrayBuffer();
      const metrics = await fetch(`${running.proxy.url}/metrics`);
      if (!operations.metrics) {
        expect(metrics.status).toBe(404);
        return;
      }
      expect(metrics.status).toBe(200);
      expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await metrics.text();
      for (const cache of ['hit', 'miss']) {
        expect(text).toMatch(
          new RegExp(
            `^mdss_proxy_requests_total\\{route="/api/file/:id",status="200",cache="${cache}"\\} [1-9]`,
            'm',
          ),
        );
      }
    });

    const operationsPaths = ['/healthz', '/readyz', ...(operations.metrics ? ['/metrics'] : [])];

    it(`${runtime}: answers POST, PUT and DELETE on ${operationsPaths.join(', ')} with 405 and Allow, and HEAD as GET without a body`, async () => {
      for (const path of operationsPaths) {
        for (const method of ['POST', 'PUT', 'DELETE']) {
          const refused = await fetch(running.proxy.url + path, { method });
          expect(refused.status, `${method} ${path}`).toBe(405);
          expect(refused.headers.get('allow'), `${method} ${path}`).toBe('GET, HEAD');
          expect(await contractBody(refused, path)).toMatchObject({
            type: 'urn:mdss-kit:problem:method-not-allowed',
            instance: path,
          });
        }
        const head = await fetch(running.proxy.url + path, { method: 'HEAD' });
        expect(head.status, `HEAD ${path}`).toBe(200);
        expect(await head.text(), `HEAD ${path}`).toBe('');
      }
    });

    it.skipIf(!operations.metrics)(
      `${runtime}: reports of its process only what is true of it, held to /proc`,
      async () => {
        const { pid, url } = running.proxy;
        if (!pid) throw new Error('no process to hold the metrics to');
        running.upstream.answer(files());
        const scrape = async () => {
          const before = procFigures(pid);
          const reported = samples(await (await fetch(`${url}/metrics`)).text());
          return { before, reported, after: procFigures(pid) };
        };
        const first = await scrape();
        for (let i = 0; i < 20; i++) await (await get(`/api/file/process-${i % 5}`)).arrayBuffer();
        const { before, reported, after } = await scrape();
        const low = (figure: keyof typeof before) => Math.min(before[figure], after[figure]);
        const high = (figure: keyof typeof before) => Math.max(before[figure], after[figure]);
        const value = (name: string) => {
          const found = reported.get(name);
          expect(found, name).toBeDefined();
          return found as number;
        };
        // What every runtime measures.
        const resident = value('process_resident_memory_bytes');
        expect(resident).toBeGreaterThan(low('residentBytes') * 0.8);
        expect(resident).toBeLessThan(high('residentBytes') * 1.25);
        // CPU is counted from when the metrics began: between two scrapes it grows as /proc
        // says, a clock tick (10 ms) either side.
        const cpu =
          value('process_cpu_seconds_total') -
          (first.reported.get('process_cpu_seconds_total') ?? 0);
        expect(cpu).toBeGreaterThanOrEqual(before.cpuSeconds - first.after.cpuSeconds - 0.02);
        expect(cpu).toBeLessThanOrEqual(after.cpuSeconds - first.before.cpuSeconds + 0.02);
        expect(Math.abs(value('process_start_time_seconds') - before.startTime)).toBeLessThan(2);
        // What a runtime reports only where it measures it.
        const where = (name: string, check: (found: number) => void) => {
          const found = reported.get(name);
          if (found !== undefined) check(found);
        };
        where('process_virtual_memory_bytes', (found) => {
          expect(found).toBeGreaterThanOrEqual(low('virtualBytes') * 0.9);
          expect(found).toBeLessThanOrEqual(high('virtualBytes') * 1.1);
        });
        where('process_heap_bytes', (found) => {
          expect(found).toBeGreaterThanOrEqual(low('dataBytes') * 0.9);
          expect(found).toBeLessThanOrEqual(high('dataBytes') * 1.1);
        });
        where('process_open_fds', (found) => {
          expect(found).toBeGreaterThanOrEqual(low('openFds') - 5);
          expect(found).toBeLessThanOrEqual(high('openFds') + 5);
        });
        where('process_max_fds', (found) => expect(found).toBe(before.maxFds));
        // What /proc cannot show is held to itself: a heap in use within its size, a listening
        // server among the handles.
        where('nodejs_heap_size_used_bytes', (used) => {
          expect(used).toBeGreaterThan(0);
          expect(used).toBeLessThanOrEqual(value('nodejs_heap_size_total_bytes'));
        });
        for (const [name, used] of reported) {
          const space = /^nodejs_heap_space_size_used_bytes(\{.*\})$/.exec(name)?.[1];
          if (space)
            expect(used).toBeLessThanOrEqual(value(`nodejs_heap_space_size_total_bytes${space}`));
        }
        where('nodejs_active_handles_total', (found) => expect(found).toBeGreaterThanOrEqual(1));
        for (const name of operations.falseMetrics ?? []) {
          const reportedNames = [...reported.keys()].map((key) => key.replace(/\{.*$/, ''));
          expect(reportedNames, name).not.toContain(name);
        }
      },
    );

    it(`${runtime}: is ready, with the store and MDSS reachable`, async () => {
      const ready = await fetch(`${running.proxy.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await contractBody(ready, '/readyz')).toMatchObject({
        status: 'ready',
        store: { reachable: true },
        upstream: { reachable: true },
      });
    });
  });
}
