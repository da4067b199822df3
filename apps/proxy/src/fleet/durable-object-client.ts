// The Worker's side of the FileCoordinator (fleet/durable-object.ts): with the binding, the isolate's
// upstream GETs and its event streams go through the object of their (credential key, file), so
// the fleet asks the upstream once for them. An object that fails (unreachable, an exception, an
// answer without its mark) costs the isolate its own upstream GET or watch, never an answer; after
// a few failures in a row the isolate stops asking objects for a cool-down (stores/breaker.ts).

import { eventsOf, fileEventOf } from '@mdss-kit/contract/events';
import { cacheKey, type KeyDeriver } from '../cache/key.ts';
import type { Log } from '../http/access-log.ts';
import type { FileEventOut } from '../push/file-event.ts';
import type { FileWatches } from '../push/file-watches.ts';
import { BreakerOpenError, type BreakerOptions, createBreaker } from '../stores/breaker.ts';
import { exchangeOverFetch, type UpstreamExchange } from '../upstream/request.ts';
import { COORDINATOR_HEADER, replyOf, sharedReplyOf } from './durable-object.ts';

/** The parts of a Durable Object namespace binding this module uses. */
export interface CoordinatorNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): { fetch(input: string, init?: RequestInit): Promise<Response> };
}

/** The origin of the requests to an object: it is never dialled, only read by the object. */
const OBJECT_ORIGIN = 'https://file-coordinator.invalid';

/** A call its caller gave up on (its own deadline, or it left): not the object's failure. */
const ABANDONED = Symbol('abandoned');

/** The events of a stream the object serves. */
async function* framesOf(body: ReadableStream<Uint8Array>): AsyncGenerator<FileEventOut> {
  for await (const message of eventsOf(body)) {
    const event = fileEventOf(message);
    // The time of the object's result is not on the wire: its ids alone tell news apart.
    if (event) yield { ...event, at: 0 };
  }
}

export function coordinated(
  namespace: CoordinatorNamespace,
  deriveKey: KeyDeriver,
  log: Log,
  options: { direct?: UpstreamExchange; breaker?: BreakerOptions } = {},
) {
  const direct = options.direct ?? exchangeOverFetch();
  const breaker = createBreaker(options.breaker);
  const objectOf = (key: string) => namespace.get(namespace.idFromName(key));
  /** `work` on an object, through the breaker; what an abandoned call threw counts for nothing. */
  const onObject = <T>(work: () => Promise<T>, abandoned: () => boolean) =>
    breaker.call(async (): Promise<T | typeof ABANDONED> => {
      try {
        return await work();
      } catch (error) {
        if (abandoned()) return ABANDONED;
        throw error;
      }
    });
  const failed = (what: string, error: unknown) => {
    // While the breaker is open nothing is asked, and its refusals are not news.
    if (error instanceof BreakerOpenError) return;
    log({
      level: 'warn',
      msg: `the file coordinator failed; the isolate ${what} itself`,
      error: error instanceof Error ? error.message : String(error),
    });
  };

  /** The upstream GET, shared through the object; the isolate's own when the object fails. */
  const exchange: UpstreamExchange = async (url, headers, signal) => {
    let shared: Awaited<ReturnType<typeof sharedReplyOf>> | typeof ABANDONED;
    try {
      shared = await onObject(
        async () => {
          const token = (headers.authorization ?? '').replace(/^Bearer /, '');
          const id = decodeURIComponent(url.slice(url.lastIndexOf('/') + 1));
          const object = objectOf(cacheKey(await deriveKey(token), id));
          const response = await object.fetch(url, {
            headers: { ...headers, [COORDINATOR_HEADER]: 'flight' },
            signal,
          });
          const reply = await sharedReplyOf(response);
          if (!reply) throw new Error(`the object answered ${response.status} without its mark`);
          return reply;
        },
        () => signal.aborted,
      );
    } catch (error) {
      failed('asks the upstream', error);
      return direct(url, headers, signal);
    }
    // Our own deadline: the upstream module reads that as a timeout.
    if (shared === ABANDONED) throw signal.reason;
    return replyOf(shared);
  };

  /**
   * Event streams fed by the object's one watch of their key; long-polls (`changed`) stay with
   * the isolate's own watches, because they read the isolate's store again once told of news.
   */
  const watches = (own: FileWatches): FileWatches => ({
    subscribe(call, subscriber) {
      const controller = new AbortController();
      let after = subscriber.after;
      let left = false;
      let fallback: (() => void) | undefined;
      void (async () => {
        try {
          const body = await onObject(
            async () => {
              const response = await objectOf(call.key).fetch(
                `${OBJECT_ORIGIN}/api/file/${encodeURIComponent(call.ask.id)}/events`,
                {
                  headers: {
                    authorization: call.headers.authorization,
                    'x-request-id': call.headers.requestId,
                  },
                  signal: controller.signal,
                },
              );
              if (response.status !== 200 || !response.body) {
                await response.body?.cancel();
                throw new Error(`the object answered ${response.status}`);
              }
              return response.body;
            },
            () => left,
          );
          if (body === ABANDONED) return;
          for await (const event of framesOf(body)) {
            // The object's watch sends its latest event to each newcomer: only what is new here.
            if (event.id === after.id) continue;
            after = { id: event.id, at: 0 };
            subscriber.send(event);
            if (event.event !== 'progress') return subscriber.end();
          }
          throw new Error('the stream ended before its final event');
        } catch (error) {
          if (left) return;
          failed('watches the file', error);
          fallback = own.subscribe(call, { ...subscriber, after });
        }
      })();
      return () => {
        left = true;
        controller.abort();
        fallback?.();
      };
    },
    changed: (...args) => own.changed(...args),
    get size() {
      return own.size;
    },
  });

  return { exchange, watches };
}
