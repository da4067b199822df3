// Which file a request asks for (its id, or the `x-mdss-mock-scenario` header), whether its bearer
// passes, and each file's poll count: shared by GET /api/file/{id} and the event stream, so a
// stream's steps are polls too, and the result a client GETs after `done` is the final one.
import type { FileResult } from '@mdss-kit/contract';
import { errorReply, headerScenarios, isScenario, type Reply, type Scenario } from './scenarios.ts';

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

export function createFilePolls(files: Readonly<Record<string, FileResult | Scenario>>): FilePolls {
  const polls = new Map<string, number>();
  // A header scenario is built once per name, so its ids and hashes stay put across polls.
  const named = new Map<string, FileResult | Scenario>();
  return {
    find(request, id) {
      const picked = request.headers.get(SCENARIO_HEADER);
      let file: FileResult | Scenario | undefined;
      if (picked) {
        const make = headerScenarios[picked];
        if (!make) return errorReply(400, id);
        file = named.get(picked) ?? make();
        named.set(picked, file);
      } else {
        file = files[id];
      }
      return file ? { key: `${picked ?? ''}\u0000${id}`, file } : errorReply(404, id);
    },
    next({ key, file }, id) {
      if (!isScenario(file)) return { kind: 'result', body: file };
      const poll = polls.get(key) ?? 0;
      polls.set(key, poll + 1);
      return file.reply(poll, id);
    },
    reset() {
      polls.clear();
    },
  };
}
