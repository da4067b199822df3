// The Durable Object behind a fleet of Workers (the optional FILE_COORDINATOR binding): one
// object per (credential key, file), named by its cache key, never by a token. It makes one
// upstream GET for every isolate, in any location, that asks at the same time, and serves the
// file's event streams from one shared watch (inside an object, one request's I/O may serve
// another's), so each stream of that key costs no upstream poll of its own. It writes nothing to
// storage: a caller's Authorization is held only while a flight or a watch that needs it runs.
import { BodyTooLargeError } from '@mdss-kit/contract';
import { parseConfig } from '../config.ts';
import { createApp, type ProxyApp } from '../http/app.ts';
import { fetchOnWorkerd } from '../runtimes/workerd-fetch.ts';
import { createMemoryStore } from '../stores/memory.ts';
import { readReply, replyOfResponse, type UpstreamReply } from '../upstream/reply.ts';

/** Marks a request as an upstream GET to share, and each answer with what became of it. */
export const COORDINATOR_HEADER = 'mdss-coordinator';

/** What one upstream GET gave, for every caller that shared it. */
export type SharedReply =
  | { kind: 'answer'; status: number; headers: Headers; body: Uint8Array<ArrayBuffer> }
  | { kind: 'too-large'; maxBytes: number }
  | { kind: 'unreachable'; reason: string };

/**
 * The object's own deadline runs past the callers' (which is the same UPSTREAM_TIMEOUT_MS): a
 * caller times out by its own clock, and a flight nobody waits for any more still ends.
 */
const DEADLINE_GRACE_MS = 1000;

/**
 * How long the object's own event stream may take up a flight that just landed: the isolate that
 * flew opens that stream next (its first look at the file), which would otherwise ask the
 * upstream again at once. Shorter than a watch's poll interval, so a watch never reads its own
 * last poll back; isolates' flights never take up a landed one.
 */
const LANDED_MS = 500;

/** Headers that describe the upstream's transfer, not its answer: each reply makes its own. */
const transferHeaders = ['connection', 'content-encoding', 'content-length', 'transfer-encoding'];

/**
 * A shared reply as the upstream module reads one, so a shared GET ends in the very outcome a
 * GET of one's own would have: unreachable throws, too large throws `BodyTooLargeError`.
 */
export function replyOf(shared: SharedReply): UpstreamReply {
  if (shared.kind === 'unreachable') throw new Error(shared.reason);
  return {
    status: shared.kind === 'answer' ? shared.status : 200,
    header: (name) => (shared.kind === 'answer' ? shared.headers.get(name) : null),
    async read(maxBytes) {
      if (shared.kind === 'too-large' || shared.body.byteLength > maxBytes) {
        throw new BodyTooLargeError(maxBytes);
      }
      return shared.body.slice();
    },
    discard() {},
  };
}

/** A reply as it crosses from the object to the Worker that asked. */
function responseOf(shared: SharedReply): Response {
  const mark = { [COORDINATOR_HEADER]: shared.kind };
  if (shared.kind === 'unreachable') return new Response(shared.reason, { headers: mark });
  if (shared.kind === 'too-large') return new Response(String(shared.maxBytes), { headers: mark });
  const headers = new Headers(shared.headers);
  headers.set(COORDINATOR_HEADER, shared.kind);
  return new Response(shared.body, { status: shared.status, headers });
}

/**
 * The reply the object sent, read back on the Worker; undefined for an answer without the
 * object's mark (something else answered: the Worker then asks the upstream itself).
 */
export async function sharedReplyOf(response: Response): Promise<SharedReply | undefined> {
  const kind = response.headers.get(COORDINATOR_HEADER);
  if (kind === 'unreachable') return { kind, reason: await response.text() };
  if (kind === 'too-large') return { kind, maxBytes: Number(await response.text()) };
  if (kind !== 'answer') {
    await response.body?.cancel();
    return undefined;
  }
  const headers = new Headers(response.headers);
  headers.delete(COORDINATOR_HEADER);
  const body = new Uint8Array(await response.arrayBuffer());
  return { kind, status: response.status, headers, body };
}

/** The upstream GET itself: the bytes read whole, under the same limits the Worker applies. */
async function ask(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
  maxBytes: number,
): Promise<SharedReply> {
  try {
    const response = await fetchOnWorkerd(url, {
      method: 'GET',
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs + DEADLINE_GRACE_MS),
    });
    const kept = new Headers(response.headers);
    for (const name of transferHeaders) kept.delete(name);
    // Read as the Worker reads its own (upstream/reply.ts).
    const body = await readReply(replyOfResponse(response), maxBytes);
    if (body.kind === 'too-large') return body;
    const bytes = body.kind === 'read' ? body.bytes : new Uint8Array();
    return { kind: 'answer', status: response.status, headers: kept, body: bytes };
  } catch (error) {
    return { kind: 'unreachable', reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Flights are keyed by the whole request: one is only ever shared by its own credential, and the
 * key leaves the maps with the flight.
 */
const flightKey = (url: string, headers: Record<string, string>) =>
  `${headers.authorization}\n${headers.accept}\n${url}`;

/** Settles as `work` does, or rejects as soon as `signal` aborts (the flight goes on for others). */
function until<T>(signal: AbortSignal, work: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason);
    if (signal.aborted) abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/** As many streams as anyone asks for: each isolate counts its own against the limits. */
const UNLIMITED_STREAMS = 1_000_000;
/** The isolate ends each stream at STREAM_MAX_SECONDS; the object's copy ends with it. */
const STREAM_MAX_SECONDS = 86_400;

const log = (line: unknown) => console.log(JSON.stringify(line));

/** The settings the Worker runs with: the object shares its bindings. */
function settingsOf(env: Record<string, string | undefined>) {
  const config = parseConfig(env);
  if (!config.mdssUrl) throw new Error('MDSS_URL is not set');
  return { ...config, mdssUrl: config.mdssUrl };
}

type Settings = ReturnType<typeof settingsOf>;

export class FileCoordinator {
  readonly #flights = new Map<string, Promise<SharedReply>>();
  /** Flights that landed in the last LANDED_MS, by the same key. */
  readonly #landed = new Map<string, Promise<SharedReply>>();
  readonly #env: Record<string, string | undefined>;
  #streams: ProxyApp | undefined;
  #settings: Settings | undefined;

  constructor(_state: unknown, env: Record<string, string | undefined>) {
    this.#env = env;
  }

  fetch(request: Request): Promise<Response> | Response {
    if (request.headers.get(COORDINATOR_HEADER) === 'flight') return this.#flight(request);
    this.#streams ??= this.#streamsApp();
    return this.#streams.fetch(request);
  }

  #config(): Settings {
    this.#settings ??= settingsOf(this.#env);
    return this.#settings;
  }

  async #flight(request: Request): Promise<Response> {
    const { mdssUrl, upstreamTimeoutMs, upstreamMaxBytes } = this.#config();
    if (!request.url.startsWith(`${mdssUrl}/api/file/`)) {
      return new Response(`Only ${mdssUrl}/api/file/… is asked for.`, { status: 400 });
    }
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'accept', 'x-request-id']) {
      headers[name] = request.headers.get(name) ?? '';
    }
    // The asking request's trace context, so MDSS's logs join the trace of the request that flew.
    for (const name of ['traceparent', 'tracestate']) {
      const value = request.headers.get(name);
      if (value) headers[name] = value;
    }
    const shared = this.#share(request.url, headers, upstreamTimeoutMs, upstreamMaxBytes);
    return responseOf(await shared);
  }

  /** The flight under way for this exact request, or a new one. */
  #share(
    url: string,
    headers: Record<string, string>,
    timeoutMs: number,
    maxBytes: number,
  ): Promise<SharedReply> {
    const key = flightKey(url, headers);
    let flight = this.#flights.get(key);
    if (!flight) {
      const flown = ask(url, headers, timeoutMs, maxBytes).finally(() => {
        this.#flights.delete(key);
        this.#landed.set(key, flown);
        setTimeout(() => {
          if (this.#landed.get(key) === flown) this.#landed.delete(key);
        }, LANDED_MS);
      });
      this.#flights.set(key, flown);
      flight = flown;
    }
    return flight;
  }

  /**
   * The proxy app inside the object, for event streams: its watches are shared (one per key
   * for every stream the object serves), its upstream GETs are the object's shared flights, and
   * its results stay in the object's memory.
   */
  #streamsApp(): ProxyApp {
    const config = this.#config();
    const { upstreamTimeoutMs, upstreamMaxBytes } = config;
    return createApp({
      config: {
        ...config,
        streamsPerCredential: UNLIMITED_STREAMS,
        streamsMax: UNLIMITED_STREAMS,
        streamMaxSeconds: STREAM_MAX_SECONDS,
      },
      store: createMemoryStore({ maxBytes: config.cacheMaxBytes }),
      exchange: async (url, headers, signal) =>
        replyOf(
          await until(
            signal,
            this.#landed.get(flightKey(url, headers)) ??
              this.#share(url, headers, upstreamTimeoutMs, upstreamMaxBytes),
          ),
        ),
      log,
    });
  }
}
