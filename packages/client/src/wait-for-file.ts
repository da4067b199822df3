// Waits for a file's processing to end, over the transport asked for: the proxy's event stream
// (stream-file.ts), or polling `GET /api/file/{id}` until `isTerminal` says it is over:
// `retrying`'s loop, where a result still in progress is tried again, with exponential backoff
// and jitter between polls and Retry-After honoured. A failed poll that may succeed again
// (network, timeout, 429, 5xx) is just another poll, from the same budget, so retries compose
// with polling instead of multiplying it. Whatever `processingState` the server invents, the
// deadline ends the wait.
import { type FileResult, type FileSummary, isTerminal } from '@mdss-kit/contract';
import { backoffDelay } from './backoff.ts';
import { type DeadlineOptions, withinDeadline } from './deadline.ts';
import { type Offered, type StreamSettings, streamOrPoll } from './event-route.ts';
import { MdssError } from './mdss-error.ts';
import { retrying } from './retrying.ts';

export type Transport = 'poll' | 'stream' | 'auto';

export interface WaitProgress {
  upload: number | undefined;
  scan: number | undefined;
  processingState: number | undefined;
  /** Polls made (or events received) so far, this one included. */
  poll: number;
  /** The polled result (polling only). */
  result: FileResult | undefined;
  /** The event's summary (the stream only). */
  summary: FileSummary | undefined;
}

export interface WaitForFileOptions extends DeadlineOptions {
  /**
   * `stream`: the proxy's event stream; `poll`: GET until done; `auto` (default): the stream
   * when the server offers it, else polling, started within one poll interval (`minDelayMs`).
   */
  transport?: Transport;
  /** First delay between polls, and between reconnections of a stream without `retry:`; default 1000. */
  minDelayMs?: number;
  /** Longest delay between polls; default 10000. */
  maxDelayMs?: number;
  onProgress?: (progress: WaitProgress) => void;
  /** A 404 within this long after the first poll means "not registered yet"; default 0. */
  notFoundGraceMs?: number;
}

export interface WaitSettings extends StreamSettings {
  /** One GET of the result. */
  poll: (id: string, signal: AbortSignal) => Promise<FileResult>;
  /** The GET of the result with its retries: once, after a stream's final event. */
  getFile: (id: string, signal: AbortSignal) => Promise<FileResult>;
  /** Whether the server may offer the events route: false once it answered that it has none. */
  events: Offered;
}

/** How a wait ended: the final polled result, or the stream's final summary (none after a 204). */
export type WaitEnd = { result: FileResult } | { summary: FileSummary | undefined };

/** Polls until the result is terminal. */
async function pollFile(
  id: string,
  options: WaitForFileOptions,
  settings: WaitSettings,
  signal: AbortSignal,
): Promise<FileResult> {
  const { clock } = settings;
  const backoff = {
    minDelayMs: options.minDelayMs ?? 1000,
    maxDelayMs: options.maxDelayMs ?? 10_000,
  };
  const started = clock.now();

  /** One poll: the result, or undefined for a file not registered yet. */
  async function poll(count: number): Promise<FileResult | undefined> {
    let result: FileResult;
    try {
      result = await settings.poll(id, signal);
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
      summary: undefined,
    });
    return result;
  }

  return retrying(
    poll,
    {
      retries: settings.retries,
      retryable: (error) => error.retryable,
      delayMs: (polls) => backoffDelay(polls - 1, backoff, settings.random),
      done: (result): result is FileResult => result !== undefined && isTerminal(result),
    },
    clock,
    signal,
  );
}

/** Follows the file to its end over the transport asked for, within `signal`. */
export function followFile(
  id: string,
  options: WaitForFileOptions,
  settings: WaitSettings,
  signal: AbortSignal,
): Promise<WaitEnd> {
  let events = 0;
  return streamOrPoll<WaitEnd>(
    options,
    settings.events,
    async (paced) => {
      // The stream reader and its parser come with the first stream, not with the client.
      const { streamFile } = await import('./stream-file.ts');
      const summary = await streamFile(
        id,
        {
          ...paced,
          onSummary: (s) =>
            options.onProgress?.({
              upload: s.progress?.upload,
              scan: s.progress?.scan,
              processingState: s.processingState,
              poll: ++events,
              result: undefined,
              summary: s,
            }),
        },
        settings,
        signal,
      );
      return { summary };
    },
    async () => ({ result: await pollFile(id, options, settings, signal) }),
  );
}

export function waitForFile(
  id: string,
  options: WaitForFileOptions,
  settings: WaitSettings,
): Promise<FileResult> {
  return withinDeadline(options, settings.clock, async (signal) => {
    const end = await followFile(id, options, settings, signal);
    // The stream carries summaries: the full result is one GET away (the proxy's cache).
    return 'result' in end ? end.result : settings.getFile(id, signal);
  });
}
