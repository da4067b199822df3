// One logical GET of a file path: a fresh timeout per attempt, the token asked for on every
// request and once more after a 401, and retries with backoff on network errors, timeouts, 429
// and 5xx within a bounded budget. Every failure becomes an MdssError.
import { fileIdProblem, isSameFileId } from '@mdss-kit/contract';
import { type Backoff, backoffDelay, retryAfterMs } from './backoff.ts';
import { type Clock, sleep } from './clock.ts';
import { MdssError } from './mdss-error.ts';

export type TokenSource = string | (() => string | Promise<string>);

export interface RetryOptions extends Partial<Backoff> {
  /** Further attempts after the first; 0 turns retries off. Default 2. */
  retries?: number;
}

export interface RequestSettings {
  token: TokenSource;
  timeoutMs: number;
  retry: Required<RetryOptions>;
  clock: Clock;
  random: () => number;
}

/** The parts of a response the client acts on: openapi-fetch's answer, reduced. */
export interface RawAnswer {
  response: Response;
  /** The body as text (`parseAs: 'text'`), whatever the status. */
  text: string | undefined;
}

export type Send = (
  path: { id: string },
  init: { headers: Record<string, string>; signal: AbortSignal },
) => Promise<RawAnswer>;

const statusCodes: Record<number, MdssError['code']> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'unauthorized',
  404: 'not_found',
};

function parseBody(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function checkId(id: string): void {
  const problem = fileIdProblem(id);
  if (problem) throw new MdssError('invalid_id', `Not a file id: ${problem}.`);
}

/** Turns a non-2xx answer into its MdssError. */
function statusError(answer: RawAnswer, now: number): MdssError {
  const { status } = answer.response;
  const body = parseBody(answer.text);
  const code =
    statusCodes[status] ?? (status === 429 || status >= 500 ? 'server_error' : 'bad_request');
  const wait = retryAfterMs(answer.response.headers.get('retry-after'), now);
  return new MdssError(code, `MDSS answered ${status}.`, {
    status,
    body,
    ...(wait === undefined ? {} : { retryAfterMs: wait }),
  });
}

/**
 * A JSON object carrying the `id` asked for, or an invalid_response error: another file's
 * result must never pass for this one's.
 */
function parseResult<T>(answer: RawAnswer, id: string): T {
  const body = parseBody(answer.text);
  const bodyId =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as { id?: unknown }).id
      : undefined;
  if (typeof bodyId !== 'string') {
    throw new MdssError(
      'invalid_response',
      'MDSS answered 200 with a body that is not a JSON object with an id.',
      { status: 200, body },
    );
  }
  if (!isSameFileId(bodyId, id)) {
    throw new MdssError(
      'invalid_response',
      `MDSS answered 200 with the result of another file (${bodyId}).`,
      { status: 200, body },
    );
  }
  return body as T;
}

export function createRequester(settings: RequestSettings) {
  const { clock } = settings;

  async function token(): Promise<string> {
    return typeof settings.token === 'string' ? settings.token : settings.token();
  }

  /** One attempt with its own deadline; a 401 asks for the token once more and tries again. */
  async function attemptOnce<T>(
    send: Send,
    id: string,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    for (let refreshed = false; ; refreshed = true) {
      const controller = new AbortController();
      let timedOut = false;
      const timer = clock.setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, settings.timeoutMs);
      const onAbort = () => controller.abort(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const answer = await send(
          { id },
          {
            headers: { authorization: `Bearer ${await token()}`, accept: 'application/json' },
            signal: controller.signal,
          },
        );
        if (answer.response.ok) return parseResult<T>(answer, id);
        const error = statusError(answer, clock.now());
        if (error.status === 401 && !refreshed) continue;
        throw error;
      } catch (error) {
        if (error instanceof MdssError) throw error;
        if (signal?.aborted)
          throw new MdssError('aborted', 'The request was aborted.', { cause: error });
        if (timedOut) {
          throw new MdssError('timeout', `MDSS did not answer within ${settings.timeoutMs} ms.`, {
            cause: error,
          });
        }
        throw new MdssError('network', 'MDSS could not be reached.', { cause: error });
      } finally {
        clock.clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
    }
  }

  /** The attempt, retried on retryable failures within the budget, honouring Retry-After. */
  async function request<T>(send: Send, id: string, signal: AbortSignal | undefined): Promise<T> {
    checkId(id);
    for (let attempt = 0; ; attempt++) {
      try {
        return await attemptOnce<T>(send, id, signal);
      } catch (error) {
        const failure = error as MdssError;
        if (!failure.retryable || attempt >= settings.retry.retries) throw failure;
        const wait = Math.max(
          backoffDelay(attempt, settings.retry, settings.random),
          failure.retryAfterMs ?? 0,
        );
        try {
          await sleep(clock, wait, signal);
        } catch (reason) {
          throw new MdssError('aborted', 'The request was aborted.', { cause: reason });
        }
      }
    }
  }

  /** One attempt (no retries: the caller's loop owns them), after the id check. */
  async function checkedAttempt<T>(
    send: Send,
    id: string,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    checkId(id);
    return attemptOnce<T>(send, id, signal);
  }

  return { checkedAttempt, request };
}

export type Requester = ReturnType<typeof createRequester>;
