// What the app's middleware and routes share about one request (Hono's context variables).
import type { CacheOutcome } from '../cache/outcome.ts';
import type { TraceSpan } from '../observe/trace-span.ts';

export type AppEnv = {
  Variables: {
    requestId: string;
    /** The file route, once the front door has read the request as one. */
    route: string | undefined;
    outcome: CacheOutcome | undefined;
    upstreamMs: number | undefined;
    /** The request's span, when tracing is on (tracing.ts). */
    trace: TraceSpan | undefined;
  };
};
