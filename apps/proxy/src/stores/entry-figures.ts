// An entry's figures (all of it but the body) as the stores that leave the process write them: a
// line of JSON. Reading one back trusts nothing: text that is not this version's figures is no
// entry, so a value another version or writer left reads as a miss, never as an error.
import type { CacheEntry } from '../cache/entry.ts';

export type EntryFigures = Omit<CacheEntry, 'body'>;

function isEntryFigures(value: unknown): value is EntryFigures {
  const figures = value as Partial<EntryFigures> | null;
  return (
    typeof figures?.etag === 'string' &&
    typeof figures.terminal === 'boolean' &&
    Number.isFinite(figures.storedAt) &&
    Number.isFinite(figures.freshUntil) &&
    Number.isFinite(figures.keepUntil)
  );
}

export function writeEntryFigures({
  etag,
  terminal,
  storedAt,
  freshUntil,
  keepUntil,
}: EntryFigures) {
  return JSON.stringify({ etag, terminal, storedAt, freshUntil, keepUntil });
}

/** The figures in `text`, or undefined for anything this version did not write. */
export function readEntryFigures(text: string): EntryFigures | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isEntryFigures(value)) return undefined;
  const { etag, terminal, storedAt, freshUntil, keepUntil } = value;
  return { etag, terminal, storedAt, freshUntil, keepUntil };
}
