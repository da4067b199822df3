// @mdss-kit/contract: the MDSS file-results contract as types, code tables and the rules the
// contract implies. Runtime validation lives in `@mdss-kit/contract/validate` (it brings Ajv).
export * from './codes.ts';
// The event stream's types; its rules are in `@mdss-kit/contract/events`.
export type { EventId, FileEvent, FileEventName, ParsedFileEvent } from './events/file-event.ts';
export * from './file-id.ts';
export * from './files-events.ts';
export * from './is-engine.ts';
export * from './is-terminal.ts';
export * from './notifications.ts';
export * from './read-bounded.ts';
export * from './summarize.ts';
export type * from './types.ts';
