// Scenarios for an asynchronous API: what a file answers on its n-th poll. A file whose polls
// advance, error answers as one-liners, and the faults a client must survive.
import { type ErrorBody, type FileResult, ProcessingState } from '@mdss-kit/contract';
import { buildFileResult } from './build-file-result.ts';
import { presets } from './presets.ts';
import {
  answerDue,
  bodyFor,
  parseRecording,
  RecordingError,
  type ReplaySpeed,
} from './recording.ts';

/** The statuses the contract gives a JSON error body. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 429 | 500 | 503;

export type Reply =
  | { kind: 'result'; body: FileResult; headers?: Record<string, string> }
  | { kind: 'error'; status: ErrorStatus; body: ErrorBody; headers?: Record<string, string> }
  /** An answer whose body is not JSON: NGINX's HTML pages, an empty 401 (domain notes §8.9). */
  | { kind: 'raw'; status: number; body: string; headers: Record<string, string> }
  /** The connection fails (MSW's `HttpResponse.error()`). */
  | { kind: 'network-error' }
  /** The response never ends. */
  | { kind: 'never' };

export interface Scenario {
  readonly scenario: string;
  /**
   * The reply to the `poll`-th request (0 first) for `id`, `elapsedMs` after its first poll by
   * the handlers' clock (0 when called by hand): a scenario advances per poll, with time, or both.
   */
  reply(poll: number, id: string, elapsedMs?: number): Reply;
  /**
   * Starts over for the first poll this long after the scenario first answered a finished
   * result, each bearer token on its own run; the finished answers say until when they may be
   * kept (`Cache-Control: max-age`). Undefined: it never starts over.
   */
  readonly restartAfterMs?: number;
  /**
   * Milliseconds after its first poll at which the scenario ends, polled or not (a scan of a
   * known duration): when its end is told (the mock server's notifications). Undefined: it ends
   * at the poll that first answers it finished.
   */
  readonly endsAfterMs?: number;
}

export const isScenario = (value: unknown): value is Scenario =>
  typeof (value as Scenario | undefined)?.reply === 'function';

const errorBodies: Record<400 | 401 | 404 | 500, (id: string) => ErrorBody> = {
  400: () => ({ responseKey: 'BAD_REQUEST', responseMessage: 'Invalid HTTP request' }),
  401: () => ({ responseKey: 'UNAUTHORIZED', responseMessage: 'Unauthorized HTTP request' }),
  // MetaDefender Core's not-found body is keyed by the id itself.
  404: (id) => ({ [id]: 'Not Found' }),
  500: () => ({ err: 'Server is temporarily unavailable' }),
};

export const errorReply = (
  status: 400 | 401 | 404 | 500,
  id: string,
): Extract<Reply, { kind: 'error' }> => ({
  kind: 'error',
  status,
  body: errorBodies[status](id),
});

/** NGINX's own error page, as MDSS's web server sends it when the back end fails (§8.9). */
export const nginxPage = (status: number, reason: string) =>
  `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

const html = { 'content-type': 'text/html' };

/**
 * Error answers as they really come (domain notes §8.9), one per shape, so clients and
 * frontends meet each: NGINX's HTML pages, an empty 401, Core's `{"err"}` and
 * `{"<id>": "Not Found"}`, MDSS's PascalCase envelope, and the statuses beyond the reference's.
 */
export const errorShapes = {
  'html-502': () => ({
    kind: 'raw',
    status: 502,
    body: nginxPage(502, 'Bad Gateway'),
    headers: html,
  }),
  'html-504': () => ({
    kind: 'raw',
    status: 504,
    body: nginxPage(504, 'Gateway Time-out'),
    headers: html,
  }),
  'empty-401': () => ({ kind: 'raw', status: 401, body: '', headers: {} }),
  'core-err-500': () => ({ kind: 'error', status: 500, body: { err: 'Internal server error' } }),
  'core-not-found': (id) => ({ kind: 'error', status: 404, body: { [id]: 'Not Found' } }),
  'pascal-case-400': () => ({
    kind: 'error',
    status: 400,
    body: { ResponseKey: 'INVALID_FILE_ID', ResponseMessage: 'The file id is not valid' },
  }),
  'forbidden-403': () => ({
    kind: 'error',
    status: 403,
    body: { responseKey: 'FORBIDDEN', responseMessage: 'Access to this file is denied' },
  }),
  'method-not-allowed-405': () => ({
    kind: 'error',
    status: 405,
    body: { err: 'Method not allowed' },
  }),
  'rate-limited-429': () => ({
    kind: 'error',
    status: 429,
    body: { err: 'Too many requests' },
    headers: { 'retry-after': '2' },
  }),
  'busy-503': () => ({
    kind: 'error',
    status: 503,
    body: { err: 'Server is too busy. Try again later.' },
    headers: { 'retry-after': '2' },
  }),
} satisfies Record<string, (id: string) => Reply>;

export type ErrorShape = keyof typeof errorShapes;

/** The in-progress record of the `then` file `share` (0 to 1) of the way: progress only rises. */
function inProgressStep(then: FileResult, share: number): FileResult {
  const upload = Math.min(100, Math.round(share * 200));
  return buildFileResult({
    id: then.id,
    name: then.name ?? 'file',
    size: then.size ?? 0,
    processingState: ProcessingState.InProgress,
    progress: { upload, scan: upload < 100 ? 0 : Math.round((share * 2 - 1) * 100) },
  });
}

/** Infinity is allowed: a file in progress for good. */
function assertCount(name: string, value: number): void {
  if (!(value >= 0)) {
    throw new RangeError(`scenario.processing: ${name} must be a number ≥ 0 (got ${value})`);
  }
}

export interface ProcessingOptions {
  /** Polls answered in progress (default 3); ignored when `durationMs` is given. */
  polls?: number;
  /**
   * Milliseconds from the file's first poll, by the handlers' clock, during which it answers in
   * progress: a scan that takes ten minutes, however often it is polled (fake timers welcome).
   */
  durationMs?: number;
  /** The final result (default `presets.infected()`). */
  then?: FileResult;
  /**
   * Start the scan over this long after it ended, by the handlers' clock (for demos: the scan
   * shows again whenever it is watched); each bearer token has its own run, and the finished
   * answers carry `Cache-Control: max-age` of the seconds left, so a cache in front keeps them no
   * longer. Default: never.
   */
  restartAfterMs?: number;
}

export const scenario = {
  /**
   * `processingState` 0 with rising progress for `polls` polls, or for `durationMs` of the
   * handlers' clock, then `then`, for good.
   */
  processing: ({
    polls = 3,
    durationMs,
    then = presets.infected(),
    restartAfterMs,
  }: ProcessingOptions = {}): Scenario => {
    if (restartAfterMs !== undefined) assertCount('restartAfterMs', restartAfterMs);
    const restarts = restartAfterMs === undefined ? {} : { restartAfterMs };
    if (durationMs === undefined) {
      assertCount('polls', polls);
      return {
        scenario: `processing ${polls} polls`,
        reply: (poll) => ({
          kind: 'result',
          body: poll < polls ? inProgressStep(then, (poll + 1) / (polls + 1)) : then,
        }),
        ...restarts,
      };
    }
    assertCount('durationMs', durationMs);
    return {
      scenario: `processing ${durationMs} ms`,
      endsAfterMs: durationMs,
      reply: (_poll, _id, elapsedMs = 0) => ({
        kind: 'result',
        body: elapsedMs < durationMs ? inProgressStep(then, elapsedMs / durationMs) : then,
      }),
      ...restarts,
    };
  },

  /** The given replies in turn, the last one repeating. */
  sequence: (...replies: (Reply | FileResult)[]): Scenario => ({
    scenario: 'sequence',
    reply: (poll) => {
      const reply = replies[Math.min(poll, replies.length - 1)];
      if (!reply) throw new Error('scenario.sequence needs at least one reply');
      return 'kind' in reply ? (reply as Reply) : { kind: 'result', body: reply as FileResult };
    },
  }),

  badRequest: (): Scenario => ({ scenario: '400', reply: (_poll, id) => errorReply(400, id) }),
  unauthorized: (): Scenario => ({ scenario: '401', reply: (_poll, id) => errorReply(401, id) }),
  notFound: (): Scenario => ({ scenario: '404', reply: (_poll, id) => errorReply(404, id) }),
  serverError: (): Scenario => ({ scenario: '500', reply: (_poll, id) => errorReply(500, id) }),
  /** One of the error answers of domain notes §8.9 (see `errorShapes`), for every poll. */
  errorShape: (shape: ErrorShape): Scenario => ({
    scenario: shape,
    reply: (_poll, id) => errorShapes[shape](id),
  }),
  /**
   * A recording (`mdss-mock record`) played back: each answer's status, headers and body byte for
   * byte, at the recorded pace (`speed` 1, the default), `speed` times faster, or one answer per
   * poll (`'per-poll'`); the last answer repeats. A result carries the id asked for in place of
   * the recorded one, so a recording serves any id. `recording` is a `Recording` or the JSON read from its file (checked here).
   */
  replay: (recording: unknown, { speed = 1 }: { speed?: ReplaySpeed } = {}): Scenario => {
    const played = parseRecording(recording);
    if (speed !== 'per-poll' && !(speed > 0 && Number.isFinite(speed))) {
      throw new RecordingError(
        `scenario.replay: speed must be a number > 0 or 'per-poll' (got ${speed})`,
      );
    }
    return {
      scenario: `replay of ${played.id}`,
      reply: (poll, id, elapsedMs = 0) => {
        const answer = answerDue(played, poll, elapsedMs, speed);
        return {
          kind: 'raw',
          status: answer.status,
          headers: answer.headers,
          body: bodyFor(answer, id),
        };
      },
    };
  },
  networkError: (): Scenario => ({
    scenario: 'network error',
    reply: () => ({ kind: 'network-error' }),
  }),
  neverEnds: (): Scenario => ({ scenario: 'never ends', reply: () => ({ kind: 'never' }) }),
};

/** What `x-mdss-mock-scenario` may name: a preset for any id, or `processing`. */
export const headerScenarios: Record<string, () => FileResult | Scenario> = {
  clean: () => presets.clean(),
  infected: () => presets.infected(),
  suspicious: () => presets.suspicious(),
  'in-progress': () => presets.inProgress(),
  failed: () => presets.failed(),
  canceled: () => presets.canceled(),
  archive: () => presets.archive(),
  sanitized: () => presets.sanitized(),
  dlp: () => presets.dlp(),
  vulnerable: () => presets.vulnerable(),
  'blocked-filetype': () => presets.blockedFileType(),
  'not-scanned': () => presets.notScanned(),
  // biome-ignore lint/suspicious/noThenProperty: `then` is the scenario's documented option, not a thenable
  processing: () => scenario.processing({ polls: 3, then: presets.infected() }),
  // The error answers of §8.9, as `error:<shape>` (e.g. `error:html-502`).
  ...Object.fromEntries(
    Object.keys(errorShapes).map((shape) => [
      `error:${shape}`,
      () => scenario.errorShape(shape as ErrorShape),
    ]),
  ),
};

const durationUnits: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/**
 * The scenario `x-mdss-mock-scenario` names: one of `headerScenarios`, or
 * `processing:<duration>[:<preset>]` (`processing:10m`, `processing:90s:clean`), in progress for
 * that long by the handlers' clock, then the preset (default infected). Undefined when unknown.
 */
export function headerScenario(name: string): FileResult | Scenario | undefined {
  const timed = /^processing:(\d+)(ms|s|m|h)(?::(.+))?$/.exec(name);
  if (!timed) return Object.hasOwn(headerScenarios, name) ? headerScenarios[name]?.() : undefined;
  const [, amount, unit = 'ms', presetName = 'infected'] = timed;
  const then = Object.hasOwn(headerScenarios, presetName)
    ? headerScenarios[presetName]?.()
    : undefined;
  if (!then || isScenario(then)) return undefined;
  return scenario.processing({ durationMs: Number(amount) * (durationUnits[unit] ?? 1), then });
}
