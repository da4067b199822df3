// The fleet (`fleet.ts`) on the Workers' FileCoordinator (`durable-object.ts`): the isolate's side.
// Each call goes to the object named by the flight's key, given by the caller. Workers forbid one
// request's I/O serving another's, so every call is made by the request that needs it, and news
// reaches an isolate down a stream of its own per listening watch (one per event stream there).
// An object that fails (unreachable, an exception, an answer without its mark) leaves the isolate
// acting alone, as without the binding, and is logged as the fleet's; after a few failures in a
// row the isolate asks no object for a cool-down (stores/breaker.ts).
import type { Log } from '../http/access-log.ts';
import { BreakerOpenError, type BreakerOptions, createBreaker } from '../stores/breaker.ts';
import {
  ARGUMENTS_HEADER,
  type Arguments,
  COORDINATOR_HEADER,
  type Operation,
} from './durable-object-wire.ts';
import type { Fleet, FlightTurn, Listening, WatchNews } from './fleet.ts';
import { joinBytes, readShared, sharedBytes } from './shared-flight.ts';

/** The parts of a Durable Object namespace binding this module uses. */
export interface CoordinatorNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): { fetch(input: string, init?: RequestInit): Promise<Response> };
}

/** The origin of the requests to an object: it is never dialled, only read by the object. */
const OBJECT_ORIGIN = 'https://file-coordinator.invalid/';
const decoder = new TextDecoder();

interface Call {
  args?: Arguments;
  body?: BodyInit | null;
  signal?: AbortSignal | null;
}

/** Asks the object of `key` for `operation`; the answer, if it carries the object's mark. */
type Ask = (key: string, operation: Operation, call?: Call) => Promise<Response | undefined>;

function asker(namespace: CoordinatorNamespace, log: Log, breakerOptions?: BreakerOptions): Ask {
  const breaker = createBreaker(breakerOptions);
  return async (key, operation, { args = {}, body = null, signal = null } = {}) => {
    try {
      return await breaker.call(async () => {
        const object = namespace.get(namespace.idFromName(key));
        const headers = {
          [COORDINATOR_HEADER]: operation,
          [ARGUMENTS_HEADER]: JSON.stringify(args),
        };
        const response = await object.fetch(OBJECT_ORIGIN, {
          method: 'POST',
          headers,
          body,
          signal,
        });
        if (response.headers.has(COORDINATOR_HEADER)) return response;
        await response.body?.cancel();
        throw new Error(`the object answered ${response.status} without its mark`);
      });
    } catch (error) {
      // While the breaker is open nothing is asked, and its refusals are not news; a call its
      // caller abandoned is not the object's failure.
      if (!(error instanceof BreakerOpenError) && !signal?.aborted) {
        const reason = error instanceof Error ? error.message : String(error);
        log({
          level: 'warn',
          msg: 'fleet unavailable; this isolate acts alone',
          fleet: 'durable-object',
          operation,
          error: reason,
        });
      }
      return undefined;
    }
  };
}

/** A turn as the object answered it; alone if it did not (or its answer broke off). */
async function turnOf(ask: Ask, key: string, answer: Response | undefined): Promise<FlightTurn> {
  const said = answer?.headers.get(COORDINATOR_HEADER);
  const body = await answer?.arrayBuffer().then(
    (bytes) => new Uint8Array(bytes),
    () => undefined,
  );
  if (!body) return { kind: 'alone' };
  if (said !== 'lead') {
    return {
      kind: 'follow',
      shared: Promise.resolve(said === 'told' ? readShared(body) : undefined),
    };
  }
  const turn = decoder.decode(body);
  return {
    kind: 'lead',
    async finish(shared) {
      const body = joinBytes(sharedBytes(shared));
      await (await ask(key, 'finish', { args: { turn }, body }))?.body?.cancel();
    },
  };
}

/** The news lines of a listening stream, to `hear`, until it ends. */
async function readNews(body: ReadableStream<Uint8Array>, hear: (news: WatchNews) => void) {
  const reader = body.getReader();
  const text = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    const lines = (buffer + text.decode(value, { stream: true })).split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) if (line) hear(JSON.parse(line) as WatchNews);
  }
}

/**
 * Listens to the object of `key` until closed: one stream, read as it comes; a stream that could
 * not open or has ended (the object evicted, the isolate's own heartbeat failing) is opened again
 * whenever `on` is read.
 */
function listening(ask: Ask, key: string, hear: (news: WatchNews) => void): Listening {
  const controller = new AbortController();
  let state: 'opening' | 'on' | 'off' = 'off';
  const open = () => {
    state = 'opening';
    void (async () => {
      const answer = await ask(key, 'listen', { signal: controller.signal });
      if (!answer?.body) {
        state = 'off';
        return;
      }
      state = 'on';
      await readNews(answer.body, hear).catch(() => {});
      state = 'off';
    })();
  };
  open();
  return {
    get on() {
      if (state === 'off' && !controller.signal.aborted) open();
      return state === 'on';
    },
    close: () => controller.abort(),
  };
}

/** Hints are not relayed between isolates: nothing is ever heard. */
const NOT_HEARD: Listening = { on: false, close() {} };

export function createDurableObjectFleet(
  namespace: CoordinatorNamespace,
  log: Log,
  options: { breaker?: BreakerOptions } = {},
): Fleet {
  const ask = asker(namespace, log, options.breaker);
  return {
    async flight(key, leaseMs) {
      return turnOf(ask, key, await ask(key, 'flight', { args: { leaseMs } }));
    },
    async lead(key, seat, dueInMs) {
      const answer = await ask(key, 'lead', { args: { seat, dueInMs } });
      await answer?.body?.cancel();
      return answer && answer.headers.get(COORDINATOR_HEADER) === 'true';
    },
    async resign(key, seat) {
      await (await ask(key, 'resign', { args: { seat } }))?.body?.cancel();
    },
    broadcast(key, news) {
      const body = `${JSON.stringify(news)}\n`;
      void ask(key, 'news', { body }).then((answer) => answer?.body?.cancel());
    },
    listen: (key, hear) => listening(ask, key, hear),
    // Objects are named by (credential, file) keys, and no object knows a file id's others:
    // without a file-id index a hint has nowhere to go, so it stays in the isolate that got it.
    hint() {},
    hearHints: () => NOT_HEARD,
  };
}
