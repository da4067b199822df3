// `scanDetails` entries are engines, usually: Core's map can hold the non-engine key
// `progress_percentage` (domain notes §8.8), so once MDSS turns the map into an array an entry
// may be something else. One rule decides, for every consumer.
import type { ScanDetail, ScanDetailsEntry } from './types.ts';

/** Whether a `scanDetails` entry is an engine: an object naming itself (`engineName` or `engId`). */
export function isEngine(entry: ScanDetailsEntry | unknown): entry is ScanDetail {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return false;
  const { engineName, engId } = entry as Record<string, unknown>;
  return typeof engineName === 'string' || typeof engId === 'string';
}
