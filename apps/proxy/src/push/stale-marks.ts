// Cached in-progress results of a notified file id, for every credential, read as no longer
// fresh, so the next GET (or watch poll, or direct hit) asks MDSS. No store is asked to enumerate
// its keys (Redis and the Cache API cannot do it cheaply, and keys hold a credential's HMAC we
// cannot rebuild): a mark per id is kept exactly as long as an entry stored before it could still
// be fresh (in-progress entries live 1 s), and the store is read through it. Bounded: at most
// MAX_MARKS ids at once; past that the oldest mark goes, and its entries stay fresh for the rest
// of their second, as they would without notifications.
import type { CacheEntry } from '../cache/entry.ts';
import { idOfKey } from '../cache/key.ts';
import { IN_PROGRESS_LIFETIME_MS } from '../cache/policy.ts';
import { type CacheStore, type Lookup, UNREACHED } from '../stores/store.ts';

const MAX_MARKS = 10_000;

/** File ids compare as MDSS compares them: without regard to case. */
export const hintId = (id: string) => id.toLowerCase();

export function createStaleMarks(now: () => number) {
  /** id → when it was marked; insertion order is time order (a mark moves to the end). */
  const marks = new Map<string, number>();
  const prune = (at: number) => {
    for (const [id, marked] of marks) {
      if (marks.size <= MAX_MARKS && at - marked < IN_PROGRESS_LIFETIME_MS) break;
      marks.delete(id);
    }
  };
  return {
    mark(id: string): void {
      const at = now();
      marks.delete(hintId(id));
      marks.set(hintId(id), at);
      prune(at);
    },
    /** `entry` as it reads after the marks: an in-progress one stored by a mark is not fresh. */
    read<L extends Lookup>(key: string, entry: L): L {
      if (marks.size === 0 || entry === undefined || entry === UNREACHED) return entry;
      const held = entry as CacheEntry;
      if (held.terminal) return entry;
      const marked = marks.get(hintId(idOfKey(key)));
      if (marked === undefined || held.storedAt > marked) return entry;
      return { ...held, freshUntil: Math.min(held.freshUntil, marked) } as L;
    },
    get size() {
      return marks.size;
    },
  };
}

export type StaleMarks = ReturnType<typeof createStaleMarks>;

/** `store`, read through `marks`; the rest (writes, its kind, its fleet) is the store's own. */
export function markedStore(store: CacheStore, marks: StaleMarks): CacheStore {
  const { peek } = store;
  return Object.assign(Object.create(store) as CacheStore, {
    get(key: string) {
      const lookup = store.get(key);
      return lookup instanceof Promise
        ? lookup.then((found) => marks.read(key, found))
        : marks.read(key, lookup);
    },
    ...(peek ? { peek: (key: string) => marks.read(key, peek.call(store, key)) } : {}),
  });
}
