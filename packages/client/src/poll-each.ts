// Many files against a server without the many-file routes (MDSS itself): each file polled as
// waitForFile polls one (`GET /api/file/{id}`, its backoff, retries and not-found grace), all at
// once, each file's end or error its own.
import { type FileResult, summarize } from '@mdss-kit/contract';
import type { FilesSettings, WatchFilesOptions } from './files-settings.ts';
import type { ListedFiles } from './listed-files.ts';
import { MdssError } from './mdss-error.ts';
import { followFile } from './wait-for-file.ts';

export async function pollEach(
  files: ListedFiles,
  options: WatchFilesOptions,
  settings: FilesSettings,
  signal: AbortSignal,
): Promise<void> {
  // One poller's failure (a bug, not a file's error) stops the others with it.
  const stop = new AbortController();
  const within = AbortSignal.any([signal, stop.signal]);
  try {
    await Promise.all(
      files.open().map(async (id) => {
        try {
          await followFile(
            id,
            {
              ...options,
              transport: 'poll',
              onProgress: ({ result }) => files.summary(id, summarize(result as FileResult)),
            },
            settings,
            within,
          );
        } catch (error) {
          if (within.aborted || !(error instanceof MdssError)) throw error;
          files.problem(id, error);
        }
      }),
    );
  } finally {
    stop.abort();
  }
}
