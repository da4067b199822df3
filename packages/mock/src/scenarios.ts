// Scenarios for an asynchronous API: what a file answers on its n-th poll. A file whose polls
// advance, error answers as one-liners, and the faults a client must survive.
import { type ErrorBody, type FileResult, ProcessingState } from '@mdss-kit/contract';
import { buildFileResult } from './build-file-result.ts';
import { presets } from './presets.ts';

export type Reply =
  | { kind: 'result'; body: FileResult }
  | { kind: 'error'; status: 400 | 401 | 404 | 500; body: ErrorBody }
  /** The connection fails (MSW's `HttpResponse.error()`). */
  | { kind: 'network-error' }
  /** The response never ends. */
  | { kind: 'never' };

export interface Scenario {
  readonly scenario: string;
  /** The reply to the `poll`-th request (0 first) for `id`. */
  reply(poll: number, id: string): Reply;
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

/** The in-progress record of the `then` file at poll `poll` of `polls`: progress only rises. */
function inProgressStep(then: FileResult, poll: number, polls: number): FileResult {
  const share = (poll + 1) / (polls + 1);
  const upload = Math.min(100, Math.round(share * 200));
  return buildFileResult({
    id: then.id,
    name: then.name ?? 'file',
    size: then.size ?? 0,
    processingState: ProcessingState.InProgress,
    progress: { upload, scan: upload < 100 ? 0 : Math.round((share * 2 - 1) * 100) },
  });
}

export const scenario = {
  /** `processingState` 0 with rising progress for `polls` polls, then `then`, for good. */
  processing: ({
    polls = 3,
    then = presets.infected(),
  }: {
    polls?: number;
    then?: FileResult;
  } = {}): Scenario => ({
    scenario: `processing ${polls} polls`,
    reply: (poll) => ({
      kind: 'result',
      body: poll < polls ? inProgressStep(then, poll, polls) : then,
    }),
  }),

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
  archive: () => presets.archive(),
  sanitized: () => presets.sanitized(),
  dlp: () => presets.dlp(),
  vulnerable: () => presets.vulnerable(),
  'blocked-filetype': () => presets.blockedFileType(),
  'not-scanned': () => presets.notScanned(),
  // biome-ignore lint/suspicious/noThenProperty: `then` is the scenario's documented option, not a thenable
  processing: () => scenario.processing({ polls: 3, then: presets.infected() }),
};
