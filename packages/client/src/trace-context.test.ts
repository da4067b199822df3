import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as api from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMdssClient, type MdssClientOptions } from './create-client.ts';
import type { MdssError } from './mdss-error.ts';
import { openTelemetryContext } from './trace-context.ts';

const ID = '5e91c094efe27b0006489533';
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';

// A real MDSS stand-in on 127.0.0.1 that records the headers of each request.
const seen: IncomingHttpHeaders[] = [];
let server: Server;
let baseUrl: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: ID, processingState: 2, scanResult: {}, progress: {} }));
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.close();
  await once(server, 'close');
});

async function headersOf(options: Partial<MdssClientOptions>) {
  seen.length = 0;
  await createMdssClient({ baseUrl, token: 'good', retry: false, ...options }).getFile(ID);
  expect(seen).toHaveLength(1);
  return seen[0] ?? {};
}

describe('trace context', () => {
  it('sends no traceparent unless given one', async () => {
    expect((await headersOf({})).traceparent).toBeUndefined();
  });

  it('sends the traceparent and tracestate a function gives, asked for per request', async () => {
    const headers = await headersOf({
      traceContext: () => ({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`, tracestate: 'a=1' }),
    });
    expect(headers.traceparent).toBe(`00-${TRACE_ID}-${SPAN_ID}-01`);
    expect(headers.tracestate).toBe('a=1');
  });

  it('refuses a malformed traceparent with a bad_request error, and sends nothing', async () => {
    seen.length = 0;
    const client = createMdssClient({
      baseUrl,
      token: 'good',
      traceContext: () => ({ traceparent: `00-${'0'.repeat(32)}-${SPAN_ID}-01` }),
    });
    const error = (await client.getFile(ID).catch((caught: unknown) => caught)) as MdssError;
    expect(error.code).toBe('bad_request');
    expect(error.message).toContain('Not a W3C traceparent');
    expect(seen).toHaveLength(0);
  });

  describe('from OpenTelemetry, when the app has it', () => {
    const contextManager = new AsyncLocalStorageContextManager();
    beforeAll(() => {
      api.context.setGlobalContextManager(contextManager.enable());
      api.propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    });
    afterAll(() => {
      api.context.disable();
      api.propagation.disable();
    });

    it("sends the active span's context, and none outside a span", async () => {
      const traceContext = openTelemetryContext(api);
      const span = api.trace.wrapSpanContext({
        traceId: TRACE_ID,
        spanId: SPAN_ID,
        traceFlags: api.TraceFlags.SAMPLED,
      });
      const inSpan = await api.context.with(api.trace.setSpan(api.context.active(), span), () =>
        headersOf({ traceContext }),
      );
      expect(inSpan.traceparent).toBe(`00-${TRACE_ID}-${SPAN_ID}-01`);
      expect((await headersOf({ traceContext })).traceparent).toBeUndefined();
    });
  });
});
