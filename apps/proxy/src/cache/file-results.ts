// The heart of the proxy: a file result for (credential, id), from the cache when it is fresh,
// else from one upstream request shared by every concurrent caller with the same credential and
// id, within the limits that protect MDSS (upstream/limits.ts), stored and served stale by the
// rules of policy.ts, and during an outage stale without waiting on the upstream
// (outages.ts).
import { isTerminal } from '@mdss-kit/contract';
import type { FileCall } from '../file-call.ts';
import type { Fleet, SharedFlight } from '../fleet/fleet.ts';
import { type CacheStore, UNREACHED } from '../stores/store.ts';
import type { KnownIds } from '../upstream/known-ids.ts';
import { type Release, type Spent, type UpstreamGate, whenGranted } from '../upstream/limits.ts';
import { createOutages } from '../upstream/outages.ts';
import type { FileFailure, UpstreamOutcome } from '../upstream/outcome.ts';
import type { FetchFile } from '../upstream/request.ts';
import type { CacheEntry } from './entry.ts';
import { etagOf } from './etag.ts';
import type { CacheOutcome } from './outcome.ts';
import {
  type CachePolicy,
  freshHit,
  isRefusal,
  lifetimes,
  seconds,
  staleStandIn,
} from './policy.ts';
import { createStoreWrites, type StoreWrites } from './store-writes.ts';

export type Resolution = { outcome: CacheOutcome; upstreamMs: number | undefined } & (
  | { kind: 'entry'; entry: CacheEntry; stale: boolean }
  | { kind: 'failure'; failure: FileFailure }
);

/** What a flight came to, here or on another instance of the fleet (`joined`). */
type Flight = { upstreamMs: number | undefined; joined?: boolean } & (
  | {
      entry: CacheEntry;
      stored: boolean;
      /** Stored although the upstream's directives said otherwise (the operator's choice). */
      overrode: boolean;
    }
  | { entry?: undefined; failure: FileFailure }
);

export interface FileResultsOptions extends CachePolicy {
  store: CacheStore;
  fetchFile: FetchFile;
  gate: UpstreamGate;
  /** Spends one upstream call of the credential's budget of new ids, or says it is spent. */
  takeBudget: (tokenKey: string) => Spent | undefined;
  /**
   * The keys MDSS answered with a result lately: their misses spend no budget (decision 010);
   * default: none known, every miss spends it.
   */
  knownIds?: KnownIds | undefined;
  now: () => number;
  /**
   * The instances this one asks the upstream with, as one (`fleet/fleet.ts`), and the longest one of
   * them holds a turn (a holder that dies delays its waiters this long); default: alone.
   */
  fleet?: { members: Fleet; leaseMs: number } | undefined;
}

const held = (failure: FileFailure, upstreamMs?: number): Flight => ({ failure, upstreamMs });

/** The entry an upstream result makes, and whether it is worth storing. */
function entryOf(
  result: Extract<UpstreamOutcome, { kind: 'result' }>,
  token: string,
  fetchedAt: number,
  policy: CachePolicy,
) {
  const terminal = isTerminal(result.result);
  const { directives } = result;
  const { overrode, ...figures } = lifetimes({ terminal, token, fetchedAt, directives }, policy);
  const etag = etagOf(result.bytes);
  const entry: CacheEntry = { body: result.bytes, etag, terminal, storedAt: fetchedAt, ...figures };
  return { entry, stored: entry.freshUntil > fetchedAt, overrode };
}

/** What a caller gets of `flight`: `held` is what the store had, `collapsed` that it joined. */
function settle(
  flight: Flight,
  stored: CacheEntry | undefined,
  collapsed: boolean,
  now: number,
): Resolution {
  const { upstreamMs } = flight;
  collapsed ||= flight.joined === true;
  const forwarded = stored ? 'stale' : 'uri-miss';
  if (flight.entry) {
    const storedFor =
      flight.stored && !collapsed
        ? { ttl: seconds(flight.entry.freshUntil - now), overUpstreamDirectives: flight.overrode }
        : undefined;
    return {
      kind: 'entry',
      entry: flight.entry,
      stale: false,
      upstreamMs,
      outcome: { kind: 'miss', forwarded, upstreamStatus: 200, collapsed, stored: storedFor },
    };
  }

  const { failure } = flight;
  const limited = failure.kind === 'rate-limited' || failure.kind === 'upstream-busy';
  const upstreamStatus = 'status' in failure ? failure.status : undefined;
  // The upstream's own client errors (a 401, a 404) are its word: no stale copy stands in.
  const standIn = failure.kind === 'client-error' ? undefined : staleStandIn(stored, now);
  if (standIn) {
    return {
      kind: 'entry',
      entry: standIn.entry,
      stale: true,
      upstreamMs,
      outcome: limited ? standIn.outcome : { kind: 'stale', forwarded: true, upstreamStatus },
    };
  }
  return {
    kind: 'failure',
    failure,
    upstreamMs,
    outcome: limited
      ? { kind: 'miss', limited: failure.kind, collapsed }
      : { kind: 'miss', forwarded, upstreamStatus, collapsed, stored: undefined },
  };
}

/**
 * What a flight needs besides its request: the options, the outages, the store's writes, and the
 * flights under way by key.
 */
interface Flights {
  options: FileResultsOptions;
  outages: ReturnType<typeof createOutages>;
  entries: StoreWrites;
  inflight: Map<string, Promise<Flight>>;
}

/** One upstream request, within the gate; the entry it makes is stored by `defer`. */
function fly(flights: Flights, call: FileCall): Promise<Flight> {
  return Promise.resolve(
    whenGranted(flights.options.gate(call.ask.tokenKey), (release) =>
      release
        ? flown(flights, call, release)
        : held({ kind: 'upstream-busy', retryAfterSeconds: 1 }),
    ),
  );
}

/** The upstream request of `fly`, its slot given back as soon as the answer is read. */
async function flown(
  { options, outages, entries }: Flights,
  { key, ask, headers, defer }: FileCall,
  release: Release,
): Promise<Flight> {
  const { now } = options;
  const started = now();
  let outcome: UpstreamOutcome;
  try {
    outcome = await options.fetchFile(ask.id, headers);
  } finally {
    release();
  }
  const fetchedAt = now();
  const upstreamMs = fetchedAt - started;
  if (outcome.kind !== 'result') {
    if (outcome.kind !== 'client-error') outages.failed(key);
    else if (isRefusal(outcome)) {
      outages.recovered(key);
      entries.forget(key, defer);
    }
    return held(outcome, upstreamMs);
  }
  outages.recovered(key);
  const made = entryOf(outcome, ask.token, fetchedAt, options);
  if (made.stored) entries.write(key, made.entry, defer, headers.trace);
  return { ...made, upstreamMs };
}

/** What the instances waiting on this one's flight are told of it. */
function shareOf(flight: Flight): SharedFlight {
  const { entry, upstreamMs } = flight;
  if (entry) return { kind: 'entry', entry, upstreamMs };
  const { failure } = flight;
  return failure.kind === 'rate-limited' || failure.kind === 'upstream-busy'
    ? { kind: 'abandoned' }
    : { kind: 'failure', failure, upstreamMs };
}

/** A flight another instance made, as this one's callers see it. */
function joined(shared: Exclude<SharedFlight, { kind: 'abandoned' }>): Flight {
  const { upstreamMs } = shared;
  return shared.kind === 'entry'
    ? { entry: shared.entry, stored: false, overrode: false, upstreamMs, joined: true }
    : { failure: shared.failure, upstreamMs, joined: true };
}

/** Turns a waiter takes before it asks alone: each waits out at most one lease. */
const FLEET_TURNS = 3;

/**
 * `fly`, once for the whole fleet: the instance whose turn it is asks and tells the others, who
 * wait for it. A turn that ends with nothing told (its holder died, or stood back) is taken
 * again; after `FLEET_TURNS`, or with the fleet away, this instance asks alone.
 */
async function flyInFleet(
  flights: Flights,
  { members, leaseMs }: NonNullable<FileResultsOptions['fleet']>,
  call: FileCall,
): Promise<Flight> {
  const { key } = call;
  for (let turns = 0; turns < FLEET_TURNS; turns++) {
    const turn = await members.flight(key, leaseMs);
    if (turn.kind === 'alone') break;
    if (turn.kind === 'lead') {
      // The turn may come just after another instance's flight stored its entry: use that.
      const stored = await flights.entries.read(key);
      const flight: Flight =
        stored && stored !== UNREACHED && freshHit(stored, flights.options.now())
          ? { entry: stored, stored: false, overrode: false, upstreamMs: undefined, joined: true }
          : await fly(flights, call);
      call.defer(turn.finish(shareOf(flight)));
      return flight;
    }
    const shared = await turn.shared;
    if (!shared || shared.kind === 'abandoned') continue;
    // What another instance learnt of the upstream counts here too: an outage serves stale.
    if (shared.kind === 'entry') flights.outages.recovered(key);
    else if (shared.failure.kind !== 'client-error') flights.outages.failed(key);
    return joined(shared);
  }
  return fly(flights, call);
}

/** `call`'s flight, which every caller of its key joins until it lands. */
function start(flights: Flights, call: FileCall) {
  const { options, inflight } = flights;
  const { key } = call;
  const flown = options.fleet ? flyInFleet(flights, options.fleet, call) : fly(flights, call);
  const flight = flown.then(
    (landed) => {
      inflight.delete(key);
      return learnFrom(options.knownIds, key, landed);
    },
    (error: unknown) => {
      inflight.delete(key);
      throw error;
    },
  );
  inflight.set(key, flight);
  return flight;
}

/** A miss's charge: nothing for an id its credential knows, else one of its budget of new ids. */
const charge = ({ knownIds, takeBudget }: FileResultsOptions, { key, ask }: FileCall) =>
  knownIds?.has(key) ? undefined : takeBudget(ask.tokenKey);

/**
 * What a flight teaches about its key, before it passes the flight on: a result makes the id
 * known to its credential, the upstream's refusal or failure makes it new again; a limit of this
 * proxy's that held the flight back says nothing of the id.
 */
function learnFrom(known: KnownIds | undefined, key: string, flight: Flight) {
  if (flight.entry) known?.learn(key);
  else if (flight.failure.kind !== 'rate-limited' && flight.failure.kind !== 'upstream-busy') {
    known?.forget(key);
  }
  return flight;
}

export function createFileResults(options: FileResultsOptions) {
  const { now } = options;
  const flights: Flights = {
    options,
    outages: createOutages(now),
    entries: createStoreWrites(options.store),
    inflight: new Map(),
  };
  const { outages, inflight } = flights;

  return async function resolve(call: FileCall): Promise<Resolution> {
    const { key, headers } = call;
    const storeSpan = headers.trace?.child('store get');
    const lookup = flights.entries.read(key);
    const looked = lookup instanceof Promise ? await lookup : lookup;
    storeSpan?.end();
    // A store that could not be asked (down, frozen, a Cluster master gone) knows nothing: what
    // follows is a miss, but one of the store's making.
    const unreached = looked === UNREACHED;
    const stored = unreached ? undefined : looked;
    const hit = freshHit(stored, now());
    if (hit) return { kind: 'entry', ...hit, stale: false, upstreamMs: undefined };

    const standIn = staleStandIn(stored, now());
    if (standIn && outages.has(key)) {
      // During an outage a stale answer does not wait on the upstream: it is asked in the
      // background, at most once per interval, and only within the credential's budget (the
      // failure made the id new again).
      if (outages.mayAsk(key) && !inflight.has(key) && !charge(options, call)) {
        call.defer(start(flights, call));
      }
      return { kind: 'entry', ...standIn, stale: true, upstreamMs: undefined };
    }

    let flight = inflight.get(key);
    const collapsed = flight !== undefined;
    if (!flight) {
      // The store's outage is not charged to the credential: a client polling a result the store
      // holds would be refused it. The gate's in-flight caps still bound what reaches MDSS.
      const spent = unreached ? undefined : charge(options, call);
      if (spent) return settle(held({ kind: 'rate-limited', spent }), stored, false, now());
      flight = start(flights, call);
    }
    const wait = collapsed ? headers.trace?.child('coalesced wait') : undefined;
    const landed = await flight;
    wait?.end();
    return settle(landed, stored, collapsed, now());
  };
}

export type ResolveFile = ReturnType<typeof createFileResults>;
