// watchFiles and waitForFiles as the client offers them: thin, so that the many-file code
// (follow-files.ts and what it loads) comes with the first many-file wait, not with the client.
import type { FilesSettings, WaitForFilesOptions, WatchFilesOptions } from './files-settings.ts';
import type { FileUpdate } from './listed-files.ts';

export async function* watchFiles(
  ids: readonly string[],
  options: WatchFilesOptions,
  settings: FilesSettings,
): AsyncGenerator<FileUpdate, void, undefined> {
  const { watchListed } = await import('./follow-files.ts');
  yield* watchListed(ids, options, settings);
}

export async function waitForFiles(
  ids: readonly string[],
  options: WaitForFilesOptions,
  settings: FilesSettings,
): Promise<FileUpdate[]> {
  const { waitListed } = await import('./follow-files.ts');
  return waitListed(ids, options, settings);
}
