// watchFile: a file's summaries as an async iterator, for UIs that render each one: the same
// transports, deadline, abort and errors as waitForFile, ending after the final (done) summary.
// Leaving the loop early ends the stream or the polling under way.
import { type FileResult, type FileSummary, summarize } from '@mdss-kit/contract';
import { withinDeadline } from './deadline.ts';
import { queued } from './queued.ts';
import { checkId } from './request-file.ts';
import { followFile, type WaitForFileOptions, type WaitSettings } from './wait-for-file.ts';

export type WatchFileOptions = Omit<WaitForFileOptions, 'onProgress'>;

export async function* watchFile(
  id: string,
  options: WatchFileOptions,
  settings: WaitSettings,
): AsyncGenerator<FileSummary, void, undefined> {
  // In the body, so that a bad id fails the loop, as it fails waitForFile's promise.
  checkId(id);
  yield* queued<FileSummary>(
    (push, left) => {
      const signal = options.signal ? AbortSignal.any([options.signal, left]) : left;
      return withinDeadline({ ...options, signal }, settings.clock, async (within) => {
        const end = await followFile(
          id,
          {
            ...options,
            // A polled result is summarized here as the proxy summarizes it for its stream.
            onProgress: (p) => push(p.summary ?? summarize(p.result as FileResult)),
          },
          settings,
          within,
        );
        // A 204: the final event was delivered already; its summary is the result's.
        if ('summary' in end && !end.summary) push(summarize(await settings.getFile(id, within)));
      });
    },
    (summary) => summary.done,
  );
}
