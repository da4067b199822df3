// MSW handlers for GET {baseUrl}/api/file/:id, built with openapi-msw from the contract's
// paths: each status takes only its own body (a 200 a FileResult, a 400, 401, 404 or 500 an
// ErrorBody), checked at compile time. Auth is checked as a real MDSS would (no or wrong bearer:
// 401), each id keeps its own poll count, and `reset()` starts every scenario over between tests.
import type { FileResult, paths } from '@mdss-kit/contract';
import { delay, type HttpHandler, HttpResponse } from 'msw';
import { createOpenApiHttp, type ResponseResolverInfo } from 'openapi-msw';
import { errorReply, headerScenarios, isScenario, type Reply, type Scenario } from './scenarios.ts';

export type MockAuth =
  /** Any non-empty bearer token (the default). */
  | 'any-token'
  /** Only these bearer tokens. */
  | { tokens: readonly string[] }
  /** No check at all. */
  | 'none';

export interface MdssHandlersOptions {
  /** Origin (and path prefix) of the mocked MDSS, e.g. `https://mdss.test`; default: any origin. */
  baseUrl?: string;
  /** The files it knows: id -> a fixed result or a scenario. Unknown ids answer 404. */
  files?: Readonly<Record<string, FileResult | Scenario>>;
  auth?: MockAuth;
  /** Milliseconds before each answer. */
  latency?: number;
}

export type MdssHandlers = HttpHandler[] & { reset(): void };

export const SCENARIO_HEADER = 'x-mdss-mock-scenario';

const bearer = /^Bearer +(\S+)$/i;

function authorized(auth: MockAuth, header: string | null): boolean {
  if (auth === 'none') return true;
  const token = header ? bearer.exec(header)?.[1] : undefined;
  if (!token) return false;
  return auth === 'any-token' || auth.tokens.includes(token);
}

/** Settles only when the client gives up on `request`: a response that never ends holds no timer. */
const abandoned = (request: Request) =>
  new Promise<void>((resolve) =>
    request.signal.addEventListener('abort', () => resolve(), { once: true }),
  );

/** openapi-msw's response helper for this endpoint: the contract's statuses and bodies only. */
export type Respond = ResponseResolverInfo<paths, '/api/file/{id}', 'get'>['response'];

/** The reply as a response; a result always carries the id it was asked for, as MDSS's does. */
function respond(reply: Reply, id: string, request: Request, response: Respond) {
  switch (reply.kind) {
    case 'result':
      return response(200).json({ ...reply.body, id });
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

export function createMdssHandlers(options: MdssHandlersOptions = {}): MdssHandlers {
  const { files = {}, auth = 'any-token', latency = 0 } = options;
  const http = createOpenApiHttp<paths>({ baseUrl: options.baseUrl?.replace(/\/+$/, '') ?? '*' });
  const polls = new Map<string, number>();
  // A header scenario is built once per name, so its ids and hashes stay put across polls.
  const named = new Map<string, FileResult | Scenario>();

  const handler: HttpHandler = http.get('/api/file/{id}', async ({ request, params, response }) => {
    if (latency > 0) await delay(latency);
    const id = params.id;
    if (!authorized(auth, request.headers.get('authorization'))) {
      return respond(errorReply(401, id), id, request, response);
    }

    const picked = request.headers.get(SCENARIO_HEADER);
    let file: FileResult | Scenario | undefined;
    if (picked) {
      const make = headerScenarios[picked];
      if (!make) return respond(errorReply(400, id), id, request, response);
      file = named.get(picked) ?? make();
      named.set(picked, file);
    } else {
      file = files[id];
    }
    if (!file) return respond(errorReply(404, id), id, request, response);
    if (!isScenario(file)) return respond({ kind: 'result', body: file }, id, request, response);

    const key = `${picked ?? ''}\u0000${id}`;
    const poll = polls.get(key) ?? 0;
    polls.set(key, poll + 1);
    return respond(file.reply(poll, id), id, request, response);
  });

  return Object.assign([handler], {
    reset() {
      polls.clear();
    },
  });
}
