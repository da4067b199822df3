// A shared flight as bytes, the same for every adapter (Redis seals them, the Durable Object
// relays them): a line of JSON, then the entry's figures and body if there is one. Web APIs only:
// the Worker's bundle carries it.
import type { CacheEntry } from '../cache/entry.ts';
import { readEntryFigures, writeEntryFigures } from '../stores/entry-figures.ts';
import type { SharedFlight } from './fleet.ts';

const NEWLINE = 0x0a;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** `shared` as byte parts, to be joined (or sealed) by the adapter. */
export function sharedBytes(shared: SharedFlight): Uint8Array[] {
  if (shared.kind !== 'entry') return [encoder.encode(`${JSON.stringify(shared)}\n`)];
  const head = JSON.stringify({ kind: 'entry', upstreamMs: shared.upstreamMs });
  return [encoder.encode(`${head}\n${writeEntryFigures(shared.entry)}\n`), shared.entry.body];
}

/** The parts of `sharedBytes` as one buffer. */
export function joinBytes(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const joined = new Uint8Array(parts.reduce((length, part) => length + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return joined;
}

function lineAt(bytes: Uint8Array, start: number) {
  const end = bytes.indexOf(NEWLINE, start);
  return end < 0 ? undefined : { text: decoder.decode(bytes.subarray(start, end)), next: end + 1 };
}

function parse(text: string): (Partial<SharedFlight> & { upstreamMs?: number }) | undefined {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** What `sharedBytes` wrote, or undefined for anything else. */
export function readShared(bytes: Uint8Array): SharedFlight | undefined {
  const head = lineAt(bytes, 0);
  const told = head && parse(head.text);
  if (told?.kind === 'abandoned' || told?.kind === 'failure') return told as SharedFlight;
  if (told?.kind !== 'entry' || !head) return undefined;
  const figuresLine = lineAt(bytes, head.next);
  const figures = figuresLine && readEntryFigures(figuresLine.text);
  if (!figures || !figuresLine) return undefined;
  // A copy: the bytes may be a view of a larger buffer (a Redis client's read buffer).
  const entry: CacheEntry = { ...figures, body: new Uint8Array(bytes.subarray(figuresLine.next)) };
  return { kind: 'entry', entry, upstreamMs: told.upstreamMs };
}
