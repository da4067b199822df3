// W3C trace context (`traceparent`, `tracestate`) on every request of the client, so the proxy's
// and MDSS's logs join the caller's trace. The client does not depend on OpenTelemetry: an app
// that has it hands its API to `openTelemetryContext`, any other passes a function of its own.
import type { Middleware } from 'openapi-fetch';
import { MdssError } from './mdss-error.ts';

export interface TraceContext {
  traceparent: string;
  tracestate?: string | undefined;
}

/** Called for every request: the trace it belongs to, or undefined for none. */
export type TraceContextSource = () => TraceContext | undefined;

/** The parts of `@opentelemetry/api` read here, as its own types would accept. */
export interface OpenTelemetryApi {
  context: { active(): unknown };
  propagation: { inject(context: never, carrier: Record<string, string>): void };
}

/** The trace of OpenTelemetry's active context, as its registered propagator writes it. */
export function openTelemetryContext(api: OpenTelemetryApi): TraceContextSource {
  return () => {
    const carrier: Record<string, string> = {};
    api.propagation.inject(api.context.active() as never, carrier);
    return carrier.traceparent
      ? { traceparent: carrier.traceparent, tracestate: carrier.tracestate }
      : undefined;
  };
}

// W3C Trace Context §3.2: version 00, a trace id and a parent id not all zeros, the flags.
const TRACEPARENT = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;

export function traceContext(source: TraceContextSource): Middleware {
  return {
    onRequest({ request }) {
      const trace = source();
      if (!trace) return;
      // A malformed one would be dropped by every server on the way, the trace silently lost.
      if (!TRACEPARENT.test(trace.traceparent)) {
        throw new MdssError(
          'bad_request',
          `Not a W3C traceparent: '${trace.traceparent}' (00-<32 hex>-<16 hex>-<2 hex>).`,
        );
      }
      request.headers.set('traceparent', trace.traceparent);
      if (trace.tracestate) request.headers.set('tracestate', trace.tracestate);
    },
  };
}
