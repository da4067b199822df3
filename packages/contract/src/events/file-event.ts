// The events of the mdss-kit proxy's stream as the contract types them (openapi/proxy.yaml,
// FileEvent: one `oneOf` branch per event name), and a parsed message read as one of them.
import type { FileSummary } from '../summarize.ts';
import type { ProxyComponents } from '../types.ts';
import type { EventMessage } from './parse.ts';

type Schemas = ProxyComponents['schemas'];

/** Names what an event carried: compare for equality only (see `summaryEventId`). */
export type EventId = Schemas['EventId'];
/**
 * One event as it travels: `data` is the JSON text of a `FileSummary` (`progress`, `done`) or of
 * a `Problem` (`problem`).
 */
export type FileEvent = Schemas['FileEvent'];
export type FileEventName = FileEvent['event'];
/** A `FileEvent` with its `data` read from JSON. */
export type ParsedFileEvent =
  | {
      id: EventId;
      event: Schemas['FileProgressEvent' | 'FileDoneEvent']['event'];
      data: FileSummary;
    }
  | { id: EventId; event: Schemas['FileProblemEvent']['event']; data: Schemas['Problem'] };

const NAMES: ReadonlySet<string> = new Set<FileEventName>(['progress', 'done', 'problem']);

/** Whether an event name is one of the contract's (a later proxy may send others: skip those). */
export const isFileEventName = (name: string | undefined): name is FileEventName =>
  name !== undefined && NAMES.has(name);

/** A message as one of the contract's events, or undefined for another name or no id. */
export function fileEventOf({ id, event, data }: EventMessage): FileEvent | undefined {
  return id !== undefined && isFileEventName(event) ? { id, event, data } : undefined;
}
