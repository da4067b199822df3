// Polls a file until `isTerminal` says its processing is over: `retrying`'s loop, where a result
// still in progress is tried again, with exponential backoff and jitter between polls, one
// overall deadline, and Retry-After honoured. A failed poll that may succeed again (network,
// timeout, 429, 5xx) is just another poll, from the same budget, so retries compose with polling
// instead of multiplying it. Whatever `processingState` the server invents, the deadline ends
// the wait.
import { type FileResult, isTerminal } from '@mdss-kit/contract';
import { backoffDelay } from './backoff.ts';
import type { Clock } from './clock.ts';
import { MdssError } from './mdss-error.ts';
import { retrying } from './retrying.ts';

export interface WaitProgress {
  upload: number | undefined;
  scan: number | undefined;
  processingState: number | undefined;
  /** Polls made so far, this one included. */
  poll: number;
  result: FileResult;
}

export interface WaitForFileOptions {
  /** First delay between polls; default 1000. */
  minDelayMs?: number;
  /** Longest delay between polls; default 10000. */
  maxDelayMs?: number;
  /** The whole wait; default 10 minutes. */
  maxWaitMs?: number;
  signal?: AbortSignal;
  onProgress?: (progress: WaitProgress) => void;
  /** A 404 within this long after the first poll means "not registered yet"; default 0. */
  notFoundGraceMs?: number;
}

export interface WaitSettings {
  clock: Clock;
  random: () => number;
  /** Consecutive failed polls tolerated. */
  retries: number;
  poll: (id: string, signal: AbortSignal) => Promise<FileResult>;
}

export async function waitForFile(
  id: string,
  options: WaitForFileOptions,
  settings: WaitSettings,
): Promise<FileResult> {
  const { clock } = settings;
  const backoff = {
    minDelayMs: options.minDelayMs ?? 1000,
    maxDelayMs: options.maxDelayMs ?? 10_000,
  };
  const maxWaitMs = options.maxWaitMs ?? 600_000;
  const started = clock.now();

  // One signal for the whole wait: the caller's abort, or the deadline.
  const controller = new AbortController();
  const timer = clock.setTimeout(
    () =>
      controller.abort(new MdssError('timeout', `The file was not done within ${maxWaitMs} ms.`)),
    maxWaitMs,
  );
  const onAbort = () =>
    controller.abort(
      new MdssError('aborted', 'Waiting for the file was aborted.', {
        cause: options.signal?.reason,
      }),
    );
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  /** One poll: the result, or undefined for a file not registered yet. */
  async function poll(count: number): Promise<FileResult | undefined> {
    let result: FileResult;
    try {
      result = await settings.poll(id, controller.signal);
    } catch (error) {
      const registering =
        error instanceof MdssError &&
        error.code === 'not_found' &&
        clock.now() - started < (options.notFoundGraceMs ?? 0);
      if (registering) return undefined;
      throw error;
    }
    options.onProgress?.({
      upload: result.progress?.upload,
      scan: result.progress?.scan,
      processingState: result.processingState,
      poll: count,
      result,
    });
    return result;
  }

  try {
    return await retrying(
      poll,
      {
        retries: settings.retries,
        retryable: (error) => error.retryable,
        delayMs: (polls) => backoffDelay(polls - 1, backoff, settings.random),
        done: (result): result is FileResult => result !== undefined && isTerminal(result),
      },
      clock,
      controller.signal,
    );
  } catch (error) {
    throw controller.signal.aborted ? (controller.signal.reason as MdssError) : error;
  } finally {
    clock.clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}
