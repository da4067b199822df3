// How many requests may be held open: event streams and long-polls (`Prefer: wait`), per
// credential (a person with many tabs, a CI job watching a batch: STREAMS_PER_CREDENTIAL) and in
// all (STREAMS_MAX), so that held requests, which each keep a connection and a timer, cannot
// exhaust the process. The total is shared fairly: when it is full, a credential holding fewer
// than its fair share takes the place of the oldest held request of the credential holding the
// most, so that a few credentials cannot lock everyone else out for a stream's lifetime.
import { ProblemError } from './problem.ts';

/** How long a refused client should wait before it tries again, in seconds. */
const RETRY_AFTER = '5';

/** A held request's place: given back by `release`, taken away by `evict` (it then ends). */
interface Place {
  evict(): void;
}

export const streamsFull = new ProblemError(
  'streams-full',
  503,
  'The proxy has as many streams open as it allows; retry shortly, or poll.',
  { headers: { 'retry-after': RETRY_AFTER } },
);

export function createStreamLimits(perCredential: number, total: number) {
  /** Each credential's places, oldest first (a Set keeps the order they were taken in). */
  const held = new Map<string, Set<Place>>();
  let all = 0;

  /** The credential holding the most places, if it holds more than `share`. */
  function heaviest(share: number): Set<Place> | undefined {
    let most: Set<Place> | undefined;
    for (const places of held.values()) if (places.size > (most?.size ?? share)) most = places;
    return most;
  }

  /** Frees a place for `credential` in a full proxy, if it is below its fair share. */
  function makeRoom(mine: number): boolean {
    // The fair share counts the newcomer's credential among those holding places.
    const share = Math.floor(total / (held.size + (mine === 0 ? 1 : 0)));
    if (mine >= share) return false;
    const oldest = heaviest(mine + 1)
      ?.values()
      .next().value;
    oldest?.evict();
    return oldest !== undefined && all < total;
  }

  function release(credential: string, places: Set<Place>, place: Place): void {
    if (!places.delete(place)) return;
    all--;
    if (places.size === 0) held.delete(credential);
  }

  return {
    /**
     * A release for the held request, or the problem that refuses it. `evict` ends the request
     * early when a credential below its fair share needs its place; it must release.
     */
    open(credential: string, evict: () => void): (() => void) | ProblemError {
      const mine = held.get(credential)?.size ?? 0;
      if (mine >= perCredential) {
        return new ProblemError(
          'too-many-streams',
          429,
          `This credential already has ${mine} streams open: close one, or poll.`,
          { headers: { 'retry-after': RETRY_AFTER } },
        );
      }
      if (all >= total && !makeRoom(mine)) return streamsFull;
      const places = held.get(credential) ?? new Set<Place>();
      held.set(credential, places);
      const place: Place = { evict };
      places.add(place);
      all++;
      return () => release(credential, places, place);
    },
    /** Requests held now, every credential together. */
    get count() {
      return all;
    },
  };
}
