// The 'stream' transport for many files: `GET /api/files/events`, one connection for them all,
// each event a `FileEntry` naming its file; each file ends on its own (done or problem), the
// stream when all have. A reconnection sends the last event's id with the same ids in the same
// order, which resumes every file at once (docs/decisions/008); the connections are
// follow-stream.ts's. Loaded on the first many-file stream.
import type { StreamOptions } from './event-route.ts';
import { filesRequests } from './files-requests.ts';
import type { FilesSettings } from './files-settings.ts';
import { followStream, problemError } from './follow-stream.ts';
import { checkedEntry, type ListedFiles } from './listed-files.ts';
import { MdssError } from './mdss-error.ts';

/** Follows every open file to its end on one stream. */
export async function streamFiles(
  files: ListedFiles,
  options: StreamOptions,
  settings: FilesSettings,
  signal: AbortSignal,
): Promise<void> {
  // The ids of the first connection, for every reconnection: the event id names them in order.
  const ids = files.open();
  const requests = filesRequests(settings);
  await followStream<true>(
    {
      open: (lastEventId, headMs, s) => requests.openEvents(ids, lastEventId, headMs, s),
      onEvent: (event, data) => {
        const entry = checkedEntry(data);
        if (!ids.includes(entry.id)) {
          throw new MdssError('invalid_response', `An event for a file not listed (${entry.id}).`);
        }
        if (event === 'problem' && 'problem' in entry) {
          files.problem(entry.id, problemError(entry.problem));
        } else if ('summary' in entry) {
          files.summary(entry.id, entry.summary);
        } else {
          throw new MdssError('invalid_response', `A ${event} event without a summary.`);
        }
        return files.over() ? true : undefined;
      },
      over: () => {
        // A 204 answers an id naming every file's end, which the client would have seen.
        if (files.over()) return true;
        throw new MdssError('invalid_response', 'The stream ended (204) before every file did.');
      },
    },
    options,
    settings,
    signal,
  );
}
