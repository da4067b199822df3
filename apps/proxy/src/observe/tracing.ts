// Traces with OpenTelemetry: a request's W3C trace context (`traceparent`, `tracestate`) is taken
// from the caller, or a trace is started, and the request to MDSS carries the proxy's own span as
// its parent whether or not spans are exported, so MDSS's logs join the caller's trace. Spans:
// the request, the cache lookup (with its outcome), the store, a coalesced wait, the upstream
// request. Attributes name routes, outcomes and statuses, never a token, a key or a file id.
// With no exporter a request has one span, its ids only: nothing is recorded that nobody would read.
import {
  type Attributes,
  type Context,
  defaultTextMapGetter,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { RandomIdGenerator } from '@opentelemetry/sdk-trace-base';
import type { Observer } from './observer.ts';
import type { TraceSpan } from './trace-span.ts';

const propagator = new W3CTraceContextPropagator();
const hex2 = (flags: number) => (flags < 16 ? `0${flags.toString(16)}` : flags.toString(16));

class OtelSpan implements TraceSpan {
  readonly traceparent: string;
  readonly tracestate: string | undefined;
  constructor(
    private readonly tracer: Tracer,
    private readonly span: Span,
  ) {
    const { traceId, spanId, traceFlags, traceState } = span.spanContext();
    this.traceparent = `00-${traceId}-${spanId}-${hex2(traceFlags)}`;
    this.tracestate = traceState?.serialize() || undefined;
  }
  child(name: string, kind: 'internal' | 'client' = 'internal'): TraceSpan {
    const parent: Context = trace.setSpan(ROOT_CONTEXT, this.span);
    const spanKind = kind === 'client' ? SpanKind.CLIENT : SpanKind.INTERNAL;
    return new OtelSpan(this.tracer, this.tracer.startSpan(name, { kind: spanKind }, parent));
  }
  linkedRoot(name: string, others: readonly TraceSpan[]): TraceSpan {
    const links = [this, ...others].flatMap((span) =>
      span instanceof OtelSpan ? [{ context: span.span.spanContext() }] : [],
    );
    return new OtelSpan(this.tracer, this.tracer.startSpan(name, { root: true, links }));
  }
  rename(name: string): void {
    this.span.updateName(name);
  }
  set(attributes: Attributes): void {
    this.span.setAttributes(attributes);
  }
  end(failed = false): void {
    if (failed) this.span.setStatus({ code: SpanStatusCode.ERROR });
    this.span.end();
  }
}

const ids = new RandomIdGenerator();

/** The caller's trace context, when it sent a valid one. */
function callerOf(traceparent: string | undefined, tracestate: string | undefined) {
  return traceparent
    ? propagator.extract(ROOT_CONTEXT, { traceparent, tracestate }, defaultTextMapGetter)
    : ROOT_CONTEXT;
}

/**
 * The request's one span when nothing is exported: the proxy's own id in the caller's trace (or
 * a new one), worked out only if something reads it (a request to MDSS), and its own child, since
 * no tree is recorded.
 */
class IdsSpan implements TraceSpan {
  private ids: string | undefined;
  constructor(
    private readonly callerTraceparent: string | undefined,
    readonly tracestate: string | undefined,
  ) {}
  get traceparent(): string {
    if (this.ids === undefined) {
      const caller = trace.getSpanContext(callerOf(this.callerTraceparent, this.tracestate));
      this.ids = caller
        ? `00-${caller.traceId}-${ids.generateSpanId()}-${hex2(caller.traceFlags)}`
        : `00-${ids.generateTraceId()}-${ids.generateSpanId()}-01`;
    }
    return this.ids;
  }
  child(): TraceSpan {
    return this;
  }
  /** Ids of its own, in a new trace: nothing is recorded to link. */
  linkedRoot(): TraceSpan {
    return new IdsSpan(undefined, undefined);
  }
  rename(): void {}
  set(): void {}
  end(): void {}
}

/** The server span of a request, child of the caller's trace context when it sent a valid one. */
export function requestSpan(
  tracer: Tracer,
  traceparent: string | undefined,
  tracestate: string | undefined,
): TraceSpan {
  const parent = callerOf(traceparent, tracestate);
  return new OtelSpan(tracer, tracer.startSpan('request', { kind: SpanKind.SERVER }, parent));
}

/** `tracer` records and exports spans; undefined, a span is only the ids that go upstream. */
export function createTracing(tracer: Tracer | undefined): Observer {
  return tracer ? recordedTracing(tracer) : idsOnlyTracing;
}

const idsOnlyTracing: Observer = {
  traceRequest: () => (traceparent, tracestate) => ({
    span: new IdsSpan(traceparent, tracestate),
    close() {},
  }),
};

function recordedTracing(tracer: Tracer): Observer {
  return {
    traceRequest: () => (traceparent, tracestate) => {
      const span = requestSpan(tracer, traceparent, tracestate);
      return {
        span,
        close({ method, route, status, cache, requestId }) {
          span.rename(`${method} ${route}`);
          span.set({
            'http.request.method': method,
            'http.route': route,
            'http.response.status_code': status,
            'mdss_proxy.cache': cache,
            'mdss_proxy.request_id': requestId,
          });
          span.end(status >= 500);
        },
      };
    },
    resolve(resolve) {
      return async (call) => {
        if (!call.headers.trace) return resolve(call);
        const lookup = call.headers.trace.child('cache lookup');
        try {
          const resolution = await resolve({
            ...call,
            headers: { ...call.headers, trace: lookup },
          });
          const { outcome } = resolution;
          lookup.set({
            'mdss_proxy.cache': outcome.kind,
            'mdss_proxy.collapsed': 'collapsed' in outcome && outcome.collapsed,
            ...('limited' in outcome ? { 'mdss_proxy.limited': outcome.limited } : {}),
          });
          lookup.end();
          return resolution;
        } catch (error) {
          lookup.end(true);
          throw error;
        }
      };
    },
    fetchFile(fetchFile) {
      return async (id, headers) => {
        if (!headers.trace) return fetchFile(id, headers);
        const span = headers.trace.child('upstream request', 'client');
        const outcome = await fetchFile(id, { ...headers, trace: span });
        span.set({
          'mdss_proxy.upstream.outcome': outcome.kind,
          ...('status' in outcome ? { 'http.response.status_code': outcome.status } : {}),
          ...(outcome.kind === 'result' ? { 'http.response.status_code': 200 } : {}),
        });
        span.end(outcome.kind !== 'result' && outcome.kind !== 'client-error');
        return outcome;
      };
    },
  };
}
