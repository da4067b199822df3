// Where metrics and traces look into the proxy: as the app wires its parts, it hands each to the
// observer and uses what comes back, so the core carries no instrumentation of its own. An
// observer wraps only the parts it watches; `observe` chains several and leaves the rest as is.
import type { ResolveFile } from '../cache/file-results.ts';
import type { CacheLabel } from '../cache/outcome.ts';
import type { Log } from '../http/access-log.ts';
import type { Noted } from '../push/notifications-route.ts';
import type { createStreamLimits } from '../push/stream-limits.ts';
import type { CacheStore } from '../stores/store.ts';
import type { Spent, UpstreamGate } from '../upstream/limits.ts';
import type { FetchFile } from '../upstream/request.ts';
import type { OperationsRoute } from './operations.ts';
import type { TraceSpan } from './trace-span.ts';

export type StreamLimits = ReturnType<typeof createStreamLimits>;
/** Spends one upstream call of a credential's budget, or says it is spent. */
export type TakeBudget = (tokenKey: string) => Spent | undefined;

/** What a request was answered, as its span records it. */
export interface Answered {
  method: string;
  route: string;
  status: number;
  cache: CacheLabel;
  requestId: string;
}

/** A request's span, and how it ends once the request is answered. */
export interface RequestSpan {
  span: TraceSpan;
  close(answered: Answered): void;
}

/**
 * Opens a request's span in the caller's trace context (its `traceparent` and `tracestate`), for
 * the router and the direct path alike; undefined when nothing traces.
 */
export type TraceRequest = (
  traceparent: string | undefined,
  tracestate: string | undefined,
) => RequestSpan | undefined;

/** Nothing traces until an observer does. */
export const untraced: TraceRequest = () => undefined;

export interface Observer {
  /** Sees every log line, the access line of each request (router or direct hit) included. */
  log?(log: Log): Log;
  store?(store: CacheStore): CacheStore;
  fetchFile?(fetchFile: FetchFile): FetchFile;
  resolve?(resolve: ResolveFile): ResolveFile;
  gate?(gate: UpstreamGate): UpstreamGate;
  takeBudget?(takeBudget: TakeBudget): TakeBudget;
  streamLimits?(limits: StreamLimits): StreamLimits;
  /** Told what became of each notification MDSS sent (`/hooks/mdss`). */
  notifications?(noted: Noted): Noted;
  traceRequest?(traceRequest: TraceRequest): TraceRequest;
  /** Adds its operations endpoints (`operations.ts`), wherever those are served. */
  operations?(route: OperationsRoute): void;
}

type Part = Exclude<keyof Observer, 'operations'>;
type Wrapped<P extends Part> = Parameters<NonNullable<Observer[P]>>[0];

export interface Observe {
  <P extends Part>(part: P, value: Wrapped<P>): Wrapped<P>;
  operations(route: OperationsRoute): void;
}

/** Each part wrapped by every observer that watches it, in the order given. */
export function observe(observers: readonly Observer[]): Observe {
  const wrap = <P extends Part>(part: P, value: Wrapped<P>): Wrapped<P> => {
    let wrapped = value;
    for (const observer of observers) {
      const wrapper = observer[part] as ((value: Wrapped<P>) => Wrapped<P>) | undefined;
      if (wrapper) wrapped = wrapper.call(observer, wrapped);
    }
    return wrapped;
  };
  return Object.assign(wrap, {
    operations(route: OperationsRoute) {
      for (const observer of observers) observer.operations?.(route);
    },
  });
}
