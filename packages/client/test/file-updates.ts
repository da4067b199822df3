// What a many-file wait delivered, checked and grouped: every summary held to the contract, and
// each file's updates in the order they came, an error written as its code.
import { proxyContract } from '@mdss-kit/contract/validate';
import type { FileUpdate } from '../src/listed-files.ts';

/** A file's updates: `state/done` for a summary (`in_progress`, `available!` when done), the code of an error. */
export type Timeline = Record<string, string[]>;

export function timelines(updates: readonly FileUpdate[]): Timeline {
  const byFile: Timeline = {};
  for (const update of updates) {
    const entry =
      'error' in update
        ? `error:${update.error.code}`
        : `${update.summary.state}${update.summary.done ? '!' : ''}`;
    byFile[update.id] = [...(byFile[update.id] ?? []), entry];
  }
  return byFile;
}

/** Every update the loop yields, each summary valid against the contract. */
export async function collect(watch: AsyncIterable<FileUpdate>): Promise<FileUpdate[]> {
  const updates: FileUpdate[] = [];
  for await (const update of watch) {
    if ('summary' in update) proxyContract.assertSchema('FileSummary', update.summary);
    updates.push(update);
  }
  return updates;
}

/** How many updates ended each file (a done summary or an error): each must be 1. */
export function endsPerFile(updates: readonly FileUpdate[]): Record<string, number> {
  const ends: Record<string, number> = {};
  for (const update of updates) {
    if ('error' in update || update.summary.done) ends[update.id] = (ends[update.id] ?? 0) + 1;
  }
  return ends;
}
