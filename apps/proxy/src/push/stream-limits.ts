// How many requests may be held open: event streams and long-polls (`Prefer: wait`), per
// credential (a person with many tabs, a CI job watching a batch: STREAMS_PER_CREDENTIAL) and in
// all (STREAMS_MAX), so that held requests, which each keep a connection and a timer, cannot
// exhaust the process. The total is shared fairly: when it is full, a credential holding fewer
// than its fair share takes the place of the oldest held request of the credential holding the
// most, so that a few credentials cannot lock everyone else out for a stream's lifetime.
import { ProblemError } from '../http/problem.ts';

/** How long a refused client should wait before it tries again, in seconds. */
const RETRY_AFTER = '5';

/**
 * A held request's place: given back by its `release`, or taken away for another credential,
 * when `evict` tells the request to end. `evict` runs in the newcomer's request, so it only marks
 * the held request: on Workers one request cannot touch another's I/O, and everywhere the held
 * request ends in its own time (a stream at its next heartbeat, a long-poll when its wait ends).
 */
interface Place {
  evict(): void;
  /** How many streams it counts as against its credential's limit (a multi-file stream: its files). */
  streams: number;
}

/** A credential's places, oldest first (a Set keeps the order they were taken in), and their streams. */
interface Held {
  places: Set<Place>;
  streams: number;
}

export const streamsFull = new ProblemError(
  'streams-full',
  503,
  'The proxy has as many streams open as it allows; retry shortly, or poll.',
  { headers: { 'retry-after': RETRY_AFTER } },
);

const tooManyStreams = (mine: number) =>
  new ProblemError(
    'too-many-streams',
    429,
    `This credential already has ${mine} streams open: close one, or poll.`,
    { headers: { 'retry-after': RETRY_AFTER } },
  );

export function createStreamLimits(perCredential: number, total: number) {
  const held = new Map<string, Held>();
  /** Places in all: a connection is one, whatever its streams. */
  let all = 0;

  function release(credential: string, place: Place): void {
    const mine = held.get(credential);
    if (!mine?.places.delete(place)) return;
    all--;
    mine.streams -= place.streams;
    if (mine.places.size === 0) held.delete(credential);
  }

  /** The credential holding the most places, if it holds more than `share`. */
  function heaviest(share: number): string | undefined {
    let most: string | undefined;
    let size = share;
    for (const [credential, { places }] of held) {
      if (places.size > size) [most, size] = [credential, places.size];
    }
    return most;
  }

  /** Frees a place in a full proxy for a credential holding `mine`, if below its fair share. */
  function makeRoom(mine: number): boolean {
    // The fair share counts the newcomer's credential among those holding places.
    const share = Math.floor(total / (held.size + (mine === 0 ? 1 : 0)));
    if (mine >= share) return false;
    const victim = heaviest(mine + 1);
    const oldest =
      victim === undefined ? undefined : held.get(victim)?.places.values().next().value;
    if (victim === undefined || !oldest) return false;
    release(victim, oldest);
    oldest.evict();
    return true;
  }

  return {
    /**
     * A release for the held request, or the problem that refuses it. `evict` tells the request
     * to end: its place is another credential's already. `streams`: how many it counts as
     * against the credential's limit (a multi-file stream, one per file); one in all.
     */
    open(credential: string, evict: () => void, streams = 1): (() => void) | ProblemError {
      const mine = held.get(credential) ?? { places: new Set<Place>(), streams: 0 };
      if (mine.streams + streams > perCredential) return tooManyStreams(mine.streams);
      if (all >= total && !makeRoom(mine.places.size)) return streamsFull;
      held.set(credential, mine);
      const place: Place = { evict, streams };
      mine.places.add(place);
      mine.streams += streams;
      all++;
      return () => release(credential, place);
    },
    /** Requests held now, every credential together. */
    get count() {
      return all;
    },
  };
}
