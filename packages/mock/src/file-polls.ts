// Which file a request asks for (its id, or the `x-mdss-mock-scenario` header), whether its bearer
// passes, and each file's poll count and first-poll time: shared by GET /api/file/{id} and the
// event stream, so a stream's steps are polls too, and the result a client GETs after `done` is
// the final one.
import { type FileResult, isTerminal } from '@mdss-kit/contract';
import { fileEnds, type OnFileEnd } from './file-ends.ts';
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

const bearerToken = (header: string | null) => (header ? bearer.exec(header)?.[1] : undefined);

export function authorized(auth: MockAuth, header: string | null): boolean {
  if (auth === 'none') return true;
  const token = bearerToken(header);
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

/** A finished result, which starts a restarting scenario's countdown. */
const isFinished = (reply: Reply) => reply.kind === 'result' && isTerminal(reply.body);

/** A key's run so far: its poll count, its first poll, and when it first answered finished. */
interface Run {
  count: number;
  firstAt: number;
  endedAt?: number;
}

/**
 * The finished reply of a restarting scenario, saying how long it may be kept: the whole
 * seconds until the scan starts over, so that a cache in front (the proxy honours `max-age`)
 * asks again by then.
 */
function keptUntilRestart(reply: Reply, msLeft: number): Reply {
  if (reply.kind !== 'result') return reply;
  const maxAge = Math.max(0, Math.floor(msLeft / 1000));
  return { ...reply, headers: { ...reply.headers, 'cache-control': `max-age=${maxAge}` } };
}

export function createFilePolls(
  files: Readonly<Record<string, FileResult | Scenario>>,
  clock: MockClock = systemClock,
  onEnd?: OnFileEnd,
): FilePolls {
  const polls = new Map<string, Run>();
  const ends = fileEnds(onEnd);
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
      if (!file) return errorReply(404, id);
      // A scenario that starts over runs once per bearer token: one viewer of a demo does not
      // end another's scan.
      const perToken = isScenario(file) && file.restartAfterMs !== undefined;
      const by = perToken ? `\u0000${bearerToken(request.headers.get('authorization')) ?? ''}` : '';
      return { key: `${picked ?? ''}\u0000${id}${by}`, file };
    },
    next({ key, file }, id) {
      if (!isScenario(file)) return { kind: 'result', body: file };
      const now = clock();
      const restartAfterMs = file.restartAfterMs ?? Number.POSITIVE_INFINITY;
      let run = polls.get(key);
      if (run?.endedAt !== undefined && now - run.endedAt >= restartAfterMs) run = undefined;
      if (!run) {
        run = { count: 0, firstAt: now };
        ends.began(`${key}\u0000${now}`, id, file);
      }
      const reply = file.reply(run.count, id, now - run.firstAt);
      const endedAt = run.endedAt ?? (isFinished(reply) ? now : undefined);
      if (run.endedAt === undefined && endedAt !== undefined && reply.kind === 'result') {
        ends.answered(`${key}\u0000${run.firstAt}`, id, { ...reply.body, id });
      }
      polls.set(key, {
        count: run.count + 1,
        firstAt: run.firstAt,
        ...(endedAt === undefined ? {} : { endedAt }),
      });
      if (endedAt === undefined || !isFinished(reply) || !Number.isFinite(restartAfterMs))
        return reply;
      return keptUntilRestart(reply, restartAfterMs - (now - endedAt));
    },
    reset() {
      polls.clear();
      ends.reset();
    },
  };
}
