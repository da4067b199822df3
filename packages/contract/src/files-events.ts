// Many files on one stream (`GET /api/files/events`) and in one answer (`GET /api/files/summary`),
// as `openapi/proxy.yaml` defines them: the named types, and the multi-file event id
// (`FilesEventId`, docs/decisions/008), shared by the proxy, the mock and the client. The id holds
// one token per listed file, so the one `Last-Event-ID` a browser sends back resumes every file.
import type { components } from './generated/proxy.ts';

type Schemas = components['schemas'];

/** A listed file's summary or problem, with the id as the request listed it. */
export type FileEntry = Schemas['FileEntry'];
export type SummaryEntry = Schemas['SummaryEntry'];
export type ProblemEntry = Schemas['ProblemEntry'];
/** The body of `GET /api/files/summary`. */
export type FilesSummary = Schemas['FilesSummary'];
/** One event of `GET /api/files/events` as it travels: `data` is a `FileEntry`'s JSON text. */
export type FilesEvent = Schemas['FilesEvent'];

/** How many ids one request may list. */
export const FILES_MAX = 100;

/** What a client has of one file: `n`, `d`, `p`, or five base-36 digits naming a summary. */
export type FileToken = string;

/** The tokens that name no summary: nothing sent yet, the final summary, a final problem. */
export const FileTokens = { nothing: 'n', done: 'd', problem: 'p' } as const;

const DIGEST_SPACE = 36 ** 5;

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text`. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  }
  return hash;
}

/** The token of a summary, from its single-file `EventId` (`summaryEventId` of its JSON). */
export const summaryToken = (eventId: string): FileToken =>
  (fnv1a(eventId) % DIGEST_SPACE).toString(36).padStart(5, '0');

/** The token a file has once its client received an event: an end is named outright. */
export function tokenAfter(event: 'progress' | 'done' | 'problem', eventId: string): FileToken {
  if (event === 'done') return FileTokens.done;
  if (event === 'problem') return FileTokens.problem;
  return summaryToken(eventId);
}

/** Whether the client is done with this file: it had its final summary or final problem. */
export const isOverToken = (token: FileToken): boolean =>
  token === FileTokens.done || token === FileTokens.problem;

/** Whether the client already has the summary whose single-file `EventId` is `eventId`. */
export const holdsSummary = (token: FileToken, eventId: string): boolean =>
  token === summaryToken(eventId);

/** The id of an event: the tokens of every listed file, in the order of the request's ids. */
export const filesEventId = (tokens: readonly FileToken[]): string => tokens.join('.');

const TOKEN = /^(?:[dnp]|[0-9a-z]{5})$/;

/**
 * A `Last-Event-ID` read as the tokens of `count` listed files, or undefined when it is none
 * (absent, malformed, or listing another number of files): then every file starts over.
 */
export function readFilesEventId(
  header: string | null | undefined,
  count: number,
): FileToken[] | undefined {
  const tokens = header?.trim().split('.');
  if (!tokens || tokens.length !== count) return undefined;
  return tokens.every((token) => TOKEN.test(token)) ? tokens : undefined;
}
