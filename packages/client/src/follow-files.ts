// watchFiles and waitForFiles: many files followed to their ends at once, over the transport
// asked for. 'stream' (or 'auto' against the proxy): one `GET /api/files/events` for them all;
// 'poll' (or 'auto' without it): the proxy's long-polled `GET /api/files/summary`, or, from a
// server without that either (MDSS itself), each file polled on its own. Loaded with the first
// many-file wait, so a page that watches one file at a time never downloads it.
import { withinDeadline } from './deadline.ts';
import { isNoStream, streamOrPoll } from './event-route.ts';
import { checkIds } from './file-ids.ts';
import type { FilesSettings, WaitForFilesOptions, WatchFilesOptions } from './files-settings.ts';
import { type FileUpdate, type ListedFiles, listedFiles } from './listed-files.ts';
import { pollEach } from './poll-each.ts';
import { pollFiles } from './poll-files.ts';
import { queued } from './queued.ts';

/** What the client learnt of the server's many-file routes: offered until it said otherwise. */
const routesOf = (settings: FilesSettings) =>
  (settings.routes ??= { events: { offered: true }, summary: { offered: true } });

/** Polls the open files: the proxy's summary, else (a server without it) each file. */
async function pollOpen(
  files: ListedFiles,
  options: WatchFilesOptions,
  settings: FilesSettings,
  signal: AbortSignal,
): Promise<void> {
  const { summary } = routesOf(settings);
  if (summary.offered) {
    try {
      return await pollFiles(files, options, settings, signal);
    } catch (error) {
      if (!isNoStream(error)) throw error;
      summary.offered = false;
    }
  }
  return pollEach(files, options, settings, signal);
}

/** Follows every listed file to its end, within `signal`. */
function followFiles(
  files: ListedFiles,
  options: WatchFilesOptions,
  settings: FilesSettings,
  signal: AbortSignal,
): Promise<void> {
  return streamOrPoll(
    options,
    routesOf(settings).events,
    async (paced) => {
      // The stream reader and its parser come with the first stream.
      const { streamFiles } = await import('./stream-files.ts');
      await streamFiles(files, paced, settings, signal);
    },
    () => pollOpen(files, options, settings, signal),
  );
}

export async function* watchListed(
  ids: readonly string[],
  options: WatchFilesOptions,
  settings: FilesSettings,
): AsyncGenerator<FileUpdate, void, undefined> {
  checkIds(ids);
  yield* queued<FileUpdate>((push, left) => {
    const signal = options.signal ? AbortSignal.any([options.signal, left]) : left;
    return withinDeadline({ ...options, signal }, settings.clock, (within) =>
      followFiles(listedFiles([...ids], push), options, settings, within),
    );
  });
}

export async function waitListed(
  ids: readonly string[],
  options: WaitForFilesOptions,
  settings: FilesSettings,
): Promise<FileUpdate[]> {
  checkIds(ids);
  const last = new Map<string, FileUpdate>();
  const push = (update: FileUpdate) => {
    last.set(update.id, update);
    options.onUpdate?.(update);
  };
  await withinDeadline(options, settings.clock, (signal) =>
    followFiles(listedFiles([...ids], push), options, settings, signal),
  );
  return ids.map((id) => last.get(id) as FileUpdate);
}
