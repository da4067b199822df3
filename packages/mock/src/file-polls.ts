// Which file a request asks for (its id, or the `x-mdss-mock-scenario` header), whether its bearer
// passes, and each file's poll count and first-poll time: shared by GET /api/file/{id} and the
// event stream, so a stream's steps are polls too, and the result a client GETs after `done` is
// the final one.
import type { FileResult } from '@mdss-kit/contract';
import { errorReply, headerScenario, isScenario, type Reply, type Scenario } from './scenarios.ts';

/**
 * The time the handlers read, in milliseconds. Read at each poll and never waited on: a
 * time-based scenario compares it with the file's first poll, so no timer stands between a
 * request and its answer, and fake timers (which patch `Date`) move a scan along as fast as the
 * test advances them.
 */
export type MockClock = () => number;

/** `Date.now`, looked up at each call so that `vi.useFakeTimers()` after setup still applies. */
export const systemClock: MockClock = () => Date.now();

export type MockAuth =
  /** Any non-empty bearer token (the default). */
  | 'any-token'
  /** Only these bearer tokens. */
  | { tokens: readonly string[] }
  /** No check at all. */
  | 'none';

export const SCENARIO_HEADER = 'x-mdss-mock-scenario';

const bearer = /^Bearer +(\S+)$/i;

export function authorized(auth: MockAuth, header: string | null): boolean {
  if (auth === 'none') return true;
  const token = header ? bearer.exec(header)?.[1] : undefined;
  if (!token) return false;
  return auth === 'any-token' || auth.tokens.includes(token);
}

/** Settles only when the client gives up on `request`: a response that never ends holds no timer. */
export const abandoned = (request: Request) =>
  new Promise<void>((resolve) =>
    request.signal.addEventListener('abort', () => resolve(), { once: true }),
  );

/** A request's file: the key its polls are counted under, and what it answers. */
export interface PolledFile {
  key: string;
  file: FileResult | Scenario;
}

export interface FilePolls {
  /** The file `request` asks for, or the error reply (400 for an unknown scenario, 404). */
  find(request: Request, id: string): PolledFile | Reply;
  /** The reply to the file's next poll. */
  next(polled: PolledFile, id: string): Reply;
  /** Starts every scenario over. */
  reset(): void;
}

export function createFilePolls(
  files: Readonly<Record<string, FileResult | Scenario>>,
  clock: MockClock = systemClock,
): FilePolls {
  const polls = new Map<string, { count: number; firstAt: number }>();
  // A header scenario is built once per name, so its ids and hashes stay put across polls.
  const named = new Map<string, FileResult | Scenario>();
  return {
    find(request, id) {
      const picked = request.headers.get(SCENARIO_HEADER);
      let file: FileResult | Scenario | undefined;
      if (picked) {
        file = named.get(picked) ?? headerScenario(picked);
        if (!file) return errorReply(400, id);
        named.set(picked, file);
      } else {
        file = files[id];
      }
      return file ? { key: `${picked ?? ''}\u0000${id}`, file } : errorReply(404, id);
    },
    next({ key, file }, id) {
      if (!isScenario(file)) return { kind: 'result', body: file };
      const now = clock();
      const seen = polls.get(key) ?? { count: 0, firstAt: now };
      polls.set(key, { count: seen.count + 1, firstAt: seen.firstAt });
      return file.reply(seen.count, id, now - seen.firstAt);
    },
    reset() {
      polls.clear();
    },
  };
}
