// A span of a request's trace as the proxy's modules see it: a word of its own, so the modules
// that carry a span (the upstream request, the store writes, the app's context) need not import
// tracing, which observes them.
import type { Attributes } from '@opentelemetry/api';

/** One span of a request's trace, as the proxy's modules see it. */
export interface TraceSpan {
  /** The W3C `traceparent` that names this span as the parent of a request it makes. */
  readonly traceparent: string;
  readonly tracestate: string | undefined;
  child(name: string, kind?: 'internal' | 'client'): TraceSpan;
  /**
   * A span that starts a trace of its own, linked to this span and `others` (OpenTelemetry span
   * links): work done once for several requests, such as a watch's poll for its streams.
   */
  linkedRoot(name: string, others: readonly TraceSpan[]): TraceSpan;
  rename(name: string): void;
  set(attributes: Attributes): void;
  /** Ends the span; `failed` marks it as an error. */
  end(failed?: boolean): void;
}
