// The Durable Object behind a fleet of Workers (the optional FILE_COORDINATOR binding): the
// fleet's port (`fleet.ts`) held in one object per (credential key, file), named by its cache key.
// It holds the turn to ask the upstream (single flight), who polls the file's watch (watch
// leadership), and the isolates' listening streams, to which it relays the poller's news (event
// relay). It asks no upstream and reads no credential: the isolate whose turn it is asks, with its
// own limits, and tells the others through the object. It keeps nothing in storage: an evicted
// object loses its turns and streams, and its callers act alone or take another turn.
import {
  ARGUMENTS_HEADER,
  type Arguments,
  COORDINATOR_HEADER,
  type FlightAnswer,
  HEARTBEAT,
  type Operation,
} from './durable-object-wire.ts';

/** How often a listening stream carries a heartbeat: an isolate gone fails to take it. */
const HEARTBEAT_MS = 10_000;
/** Past a lease's or a seat's due time, before another caller takes it over. */
const LEAD_SLACK_MS = 25;

interface Turn {
  id: string;
  until: number;
  timer: ReturnType<typeof setTimeout>;
  waiters: Set<(told: Uint8Array<ArrayBuffer> | undefined) => void>;
}

const encoder = new TextEncoder();
const marked = (answer: string, body: BodyInit | null = null, status = 200) =>
  new Response(body, { status, headers: { [COORDINATOR_HEADER]: answer } });
const flightAnswer = (answer: FlightAnswer, body: BodyInit | null = null) => marked(answer, body);

export class FileCoordinator {
  #turn: Turn | undefined;
  #leader: { seat: string; until: number } | undefined;
  readonly #listeners = new Set<WritableStreamDefaultWriter<Uint8Array>>();
  #heartbeat: ReturnType<typeof setInterval> | undefined;

  async fetch(request: Request): Promise<Response> {
    const operation = request.headers.get(COORDINATOR_HEADER) as Operation | null;
    const args = JSON.parse(request.headers.get(ARGUMENTS_HEADER) ?? '{}') as Arguments;
    switch (operation) {
      case 'flight':
        return this.#flight(args.leaseMs ?? 0);
      case 'finish':
        this.#end(args.turn, new Uint8Array(await request.arrayBuffer()));
        return marked('finished');
      case 'lead':
        return marked(String(this.#lead(args.seat ?? '', args.dueInMs ?? 0)));
      case 'resign':
        if (this.#leader?.seat === args.seat) this.#leader = undefined;
        return marked('resigned');
      case 'news':
        this.#relay(new Uint8Array(await request.arrayBuffer()));
        return marked('relayed');
      case 'listen':
        return this.#listen();
      default:
        return new Response(`No such operation: ${operation}.`, { status: 400 });
    }
  }

  /** This caller's turn if none is under way; else, once the holder tells, what it told. */
  #flight(leaseMs: number): Response | Promise<Response> {
    const now = Date.now();
    // A lease past its time is over, whichever of its timers has not fired yet.
    if (this.#turn && this.#turn.until <= now) this.#end(this.#turn.id, undefined);
    const turn = this.#turn;
    if (!turn) {
      const id = crypto.randomUUID();
      const timer = setTimeout(() => this.#end(id, undefined), leaseMs);
      this.#turn = { id, until: now + leaseMs, timer, waiters: new Set() };
      return flightAnswer('lead', id);
    }
    // A waiter waits at most its own lease, whatever the holder's says; a little past the
    // holder's, so that the lease's own end frees the turn first.
    const waitMs = Math.max(Math.min(turn.until - now + LEAD_SLACK_MS, leaseMs), 0);
    return new Promise((resolve) => {
      const tell = (told: Uint8Array<ArrayBuffer> | undefined) => {
        clearTimeout(timer);
        turn.waiters.delete(tell);
        resolve(told ? flightAnswer('told', told) : flightAnswer('untold'));
      };
      const timer = setTimeout(() => tell(undefined), waitMs);
      turn.waiters.add(tell);
    });
  }

  /** Ends the turn `id` (told, or its lease out) and frees it; an older turn's end does nothing. */
  #end(id: string | undefined, told: Uint8Array<ArrayBuffer> | undefined): void {
    const turn = this.#turn;
    if (!turn || turn.id !== id) return;
    clearTimeout(turn.timer);
    this.#turn = undefined;
    for (const tell of [...turn.waiters]) tell(told);
  }

  /** Takes or renews the watch for `seat`; another's only once it is overdue. */
  #lead(seat: string, dueInMs: number): boolean {
    const now = Date.now();
    const held = this.#leader;
    if (held && held.seat !== seat && now <= held.until + LEAD_SLACK_MS) return false;
    this.#leader = { seat, until: now + dueInMs };
    return true;
  }

  /** Sends `news` (a line of JSON) down every listening stream; one that fails is dropped. */
  #relay(news: Uint8Array): void {
    for (const writer of this.#listeners) {
      writer.write(news).catch(() => this.#drop(writer));
    }
  }

  #drop(writer: WritableStreamDefaultWriter<Uint8Array>): void {
    this.#listeners.delete(writer);
    void writer.abort().catch(() => {});
    if (this.#listeners.size === 0) {
      clearInterval(this.#heartbeat);
      this.#heartbeat = undefined;
    }
  }

  /** A stream of the news relayed from now on, one line each, heartbeats between. */
  #listen(): Response {
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const writer = writable.getWriter();
    this.#listeners.add(writer);
    this.#heartbeat ??= setInterval(() => this.#relay(encoder.encode(HEARTBEAT)), HEARTBEAT_MS);
    return marked('listening', readable);
  }
}
