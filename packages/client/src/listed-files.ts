// What a wait on many files has seen of each, whatever the transport: each file's last summary,
// and whether it ended (its done summary, or its problem). An update that repeats the last, or
// comes after the file's end (a resent end, a late poll), is dropped, so a caller sees each
// change once and each end exactly once.
import type { FileSummary, ProxyComponents } from '@mdss-kit/contract';
import { MdssError } from './mdss-error.ts';
import { checkedResult } from './request-file.ts';

type Problem = ProxyComponents['schemas']['Problem'];

/** A listed file's new summary, or the error it ended with (as a GET of it would have failed). */
export type FileUpdate = { id: string; summary: FileSummary } | { id: string; error: MdssError };

export interface ListedFiles {
  /** The listed ids, in the order given. */
  readonly ids: readonly string[];
  /** The ids not ended yet, in the order given. */
  open(): string[];
  /** Whether every file has ended. */
  over(): boolean;
  /** A file's summary; true when it was news (and passed on). */
  summary(id: string, summary: FileSummary): boolean;
  /** A file's end with an error; true when it was news. */
  problem(id: string, error: MdssError): boolean;
}

export function listedFiles(
  ids: readonly string[],
  push: (update: FileUpdate) => void,
): ListedFiles {
  const last = new Map<string, string>();
  const open = new Set(ids);
  return {
    ids,
    open: () => ids.filter((id) => open.has(id)),
    over: () => open.size === 0,
    summary(id, summary) {
      const json = JSON.stringify(summary);
      if (!open.has(id) || last.get(id) === json) return false;
      last.set(id, json);
      if (summary.done) open.delete(id);
      push({ id, summary });
      return true;
    },
    problem(id, error) {
      if (!open.delete(id)) return false;
      push({ id, error });
      return true;
    },
  };
}

/** A `FileEntry` of the contract (`{ id, summary }` or `{ id, problem }`), checked. */
export function checkedEntry(
  value: unknown,
): { id: string; summary: FileSummary } | { id: string; problem: Problem } {
  const entry = (typeof value === 'object' && value !== null ? value : {}) as {
    id?: unknown;
    summary?: unknown;
    problem?: unknown;
  };
  const { id, problem } = entry;
  if (typeof id !== 'string') {
    throw new MdssError('invalid_response', 'A file entry has no id.', { body: value });
  }
  if (typeof problem === 'object' && problem !== null) return { id, problem: problem as Problem };
  return { id, summary: checkedResult<FileSummary>(entry.summary, id) };
}
