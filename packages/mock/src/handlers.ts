// MSW handlers for GET {baseUrl}/api/file/:id, built with openapi-msw from the contract's
// paths: each status takes only its own body (a 200 a FileResult, a 400, 401, 404 or 500 an
// ErrorBody), checked at compile time. Auth is checked as a real MDSS would (no or wrong bearer:
// 401), each id keeps its own poll count, and `reset()` starts every scenario over between tests.
import type { FileResult, paths } from '@mdss-kit/contract';
import { type HttpHandler, HttpResponse } from 'msw';
import { createOpenApiHttp, type ResponseResolverInfo } from 'openapi-msw';
import { type EventsOptions, eventsHandler, noEventsHandler } from './events.ts';
import type { OnFileEnd } from './file-ends.ts';
import {
  abandoned,
  authorized,
  createFilePolls,
  type MockAuth,
  type MockClock,
  systemClock,
} from './file-polls.ts';
import { filesEventsHandler, noFilesHandler } from './files-events.ts';
import { filesSummaryHandler } from './files-summary.ts';
import { errorReply, type Reply, type Scenario } from './scenarios.ts';

export { type MockAuth, type MockClock, SCENARIO_HEADER } from './file-polls.ts';

export interface MdssHandlersOptions {
  /** Origin (and path prefix) of the mocked MDSS, e.g. `https://mdss.test`; default: any origin. */
  baseUrl?: string;
  /** The files it knows: id -> a fixed result or a scenario. Unknown ids answer 404. */
  files?: Readonly<Record<string, FileResult | Scenario>>;
  auth?: MockAuth;
  /** Milliseconds before each answer. */
  latency?: number;
  /**
   * The time time-based scenarios read, in milliseconds; default `Date.now()`, read at each
   * request, so `vi.useFakeTimers()` drives them.
   */
  clock?: MockClock;
  /**
   * The mdss-kit proxy's event stream (`GET /api/file/{id}/events`) and its many-file
   * endpoints (`GET /api/files/events`, `GET /api/files/summary`) too, driven by the same
   * scenarios (default); `false` for MDSS itself, which has none (a 404 there).
   */
  events?: EventsOptions | false;
  /**
   * Told once per run of a file when its scan ends (what the mock server's notifications
   * send): at the poll that first answers it finished, or, for a scenario of a known duration,
   * at its end by the clock, polled or not.
   */
  onFileEnd?: OnFileEnd;
}

export type MdssHandlers = HttpHandler[] & { reset(): void };

/** openapi-msw's response helper for this endpoint: the contract's statuses and bodies only. */
export type Respond = ResponseResolverInfo<paths, '/api/file/{id}', 'get'>['response'];

/** The reply as a response; a result always carries the id it was asked for, as MDSS's does. */
function respond(reply: Reply, id: string, request: Request, response: Respond) {
  switch (reply.kind) {
    case 'result':
      return response(200).json(
        { ...reply.body, id },
        reply.headers ? { headers: reply.headers } : {},
      );
    case 'error':
      return response(reply.status).json(
        reply.body,
        reply.headers ? { headers: reply.headers } : {},
      );
    // Not JSON (HTML pages, empty bodies): what MDSS's NGINX and .NET back end really send.
    case 'raw':
      return response.untyped(
        new HttpResponse(reply.body || null, { status: reply.status, headers: reply.headers }),
      );
    // No HTTP answer at all: outside the contract, so untyped.
    case 'network-error':
      return response.untyped(HttpResponse.error());
    case 'never':
      return abandoned(request).then(() => response.untyped(HttpResponse.error()));
  }
}

/**
 * Holds an answer back `ms`. Not MSW's `delay()`, and not a timer kept from module load: the global
 * `setTimeout` looked up now is the fake one under fake timers, so a latency elapses as the test
 * advances time, in step with the client's own timers (a real timer among fake ones is what hangs
 * in msw #1505). It is the one timer on a GET, and only with `latency`: time-based scenarios read
 * the clock and never wait.
 */
const hold = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createMdssHandlers(options: MdssHandlersOptions = {}): MdssHandlers {
  const { files = {}, auth = 'any-token', latency = 0, events = {}, clock = systemClock } = options;
  const baseUrl = options.baseUrl?.replace(/\/+$/, '') ?? '*';
  const http = createOpenApiHttp<paths>({ baseUrl });
  const polls = createFilePolls(files, clock, options.onFileEnd);

  const handler: HttpHandler = http.get('/api/file/{id}', async ({ request, params, response }) => {
    if (latency > 0) await hold(latency);
    const id = params.id;
    if (!authorized(auth, request.headers.get('authorization'))) {
      return respond(errorReply(401, id), id, request, response);
    }
    const found = polls.find(request, id);
    if ('kind' in found) return respond(found, id, request, response);
    return respond(polls.next(found, id), id, request, response);
  });

  if (events === false) {
    return Object.assign([handler, noEventsHandler(baseUrl), noFilesHandler(baseUrl)], {
      reset: polls.reset,
    });
  }
  const stream = eventsHandler(baseUrl, auth, polls, events);
  // The proxy's many-file endpoints, from the same polls: GET /api/files/events and /summary.
  const manyFiles = [
    filesEventsHandler(baseUrl, auth, polls, events),
    filesSummaryHandler(baseUrl, auth, polls, events),
  ];
  return Object.assign([handler, stream.handler, ...manyFiles], {
    reset() {
      polls.reset();
      stream.reset();
    },
  });
}
