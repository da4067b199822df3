// The cases every cache store must pass, whatever holds its entries. They need no test runner
// (only node:assert), so the same cases run under vitest for the memory and Redis stores and
// inside workerd for the Web Cache API store (`store-contract.ts`, `cache-api.test.ts`).
import assert from 'node:assert/strict';
import type { CacheEntry } from '../cache/entry.ts';
import { type CacheStore, type Lookup, UNREACHED } from './store.ts';

/** A store made for one case, with whatever its faults need to reach behind it. */
export interface MadeStore {
  store: CacheStore;
  close?(): Promise<void>;
}

type PutBehind<M> = (made: M, key: string) => Promise<void>;

/** A kind of store, as the contract builds it and, where it can, breaks it. */
export interface StoreSubject<M extends MadeStore = MadeStore> {
  /** `now` is the case's clock; `maxEntryBytes` the largest body the store must keep. */
  make(options: { now: () => number; maxEntryBytes: number }): M | Promise<M>;
  /** Puts under `key`, as the backend holds it, a value an older version of the store wrote. */
  putOlderFormat?: PutBehind<M>;
  /** Ways to put under `key`, as the backend holds it, a value no version of the store wrote. */
  putGarbage?: readonly PutBehind<M>[];
  /** Cuts the store off its backend; the function it resolves to brings the backend back. */
  cutOff?(made: M): Promise<() => Promise<void>>;
}

type Fault = 'putOlderFormat' | 'putGarbage' | 'cutOff';

export interface StoreCase {
  name: string;
  /** The fault the case plays; a subject that cannot play it skips the case. */
  needs?: Fault;
  /** The case, on a store made for it alone and the clock that store reads (the case moves it). */
  check<M extends MadeStore>(made: M, clock: Clock, subject: StoreSubject<M>): Promise<void>;
}

interface Clock {
  now: number;
}

export function caseApplies<M extends MadeStore>(
  { needs }: StoreCase,
  subject: StoreSubject<M>,
): boolean {
  return needs === undefined || subject[needs] !== undefined;
}

/** Large enough for a 1 MiB body with the memory store's bookkeeping. */
const MAX_ENTRY_BYTES = 2 * 1024 * 1024;
const MINUTE = 60_000;

let keys = 0;
/** A key no other case (nor an earlier run, on a cache that outlives it) has used. */
const freshKey = (label: string) => `contract-${label}-${Date.now().toString(36)}-${keys++}`;

const utf8 = (text: string) => new TextEncoder().encode(text);

function bytesOf(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + 7) % 256;
  return bytes;
}

function entryAt(time: number, overrides: Partial<CacheEntry> = {}): CacheEntry {
  return {
    body: utf8('{"id":"a"}'),
    etag: '"e-1"',
    terminal: true,
    storedAt: time,
    freshUntil: time + MINUTE,
    keepUntil: time + 10 * MINUTE,
    ...overrides,
  };
}

/** `get`, checked against `peek` where the store offers it: both must say the same. */
async function lookUp(store: CacheStore, key: string): Promise<Lookup> {
  const peeked = store.peek?.(key);
  const got = await store.get(key);
  if (store.peek) assert.deepEqual(peeked, got, 'peek and get disagree');
  return got;
}

/** `lookUp` of a store that is reached: an entry or a miss. */
async function read(store: CacheStore, key: string): Promise<CacheEntry | undefined> {
  const got = await lookUp(store, key);
  assert.notEqual(got, UNREACHED, 'the store was not reached');
  return got === UNREACHED ? undefined : got;
}

/** Runs `storeCase` on a store `subject` makes for it, and closes that store whatever happens. */
export async function runStoreCase<M extends MadeStore>(
  storeCase: StoreCase,
  subject: StoreSubject<M>,
): Promise<void> {
  const clock = { now: Date.now() };
  const made = await subject.make({ now: () => clock.now, maxEntryBytes: MAX_ENTRY_BYTES });
  try {
    await storeCase.check(made, clock, subject);
  } finally {
    await made.store.close();
    await made.close?.();
  }
}

export const storeCases: readonly StoreCase[] = [
  {
    name: 'hands back the body byte for byte (non-ASCII, newline, 0 byte, empty, 1 MiB)',
    async check({ store }, clock) {
      const bodies = {
        text: utf8('{"id":"a",\n"name":"résumé ✓ 文件.pdf"}\n'),
        zero: new Uint8Array([0x7b, 0x00, 0x0a, 0x00, 0x7d]),
        empty: new Uint8Array(0),
        mebibyte: bytesOf(1024 * 1024),
      };
      const stored = Object.entries(bodies).map(([label, body]) => ({
        key: freshKey(label),
        entry: entryAt(clock.now, { body }),
      }));
      for (const { key, entry } of stored) await store.set(key, entry);
      for (const { key, entry } of stored) {
        const got = await read(store, key);
        assert.ok(got, `${key} was not kept`);
        assert.equal(got.body.byteLength, entry.body.byteLength);
        assert.ok(
          got.body.every((byte, i) => byte === entry.body[i]),
          `${key}: bytes differ`,
        );
      }
      assert.equal(store.available, true);
    },
  },
  {
    name: 'hands back the figures unchanged (etag, terminal, storedAt, freshUntil, keepUntil)',
    async check({ store }, clock) {
      const finished = entryAt(clock.now, {
        etag: '"f-9"',
        storedAt: clock.now - 1234,
      });
      const inProgress = entryAt(clock.now, {
        etag: 'W/"p-2"',
        terminal: false,
        freshUntil: clock.now + 1000,
        keepUntil: clock.now + 1001,
      });
      for (const entry of [finished, inProgress]) {
        const key = freshKey('figures');
        await store.set(key, entry);
        const { body, ...figures } = entry;
        assert.deepEqual(await read(store, key), { ...figures, body: new Uint8Array(body) });
      }
    },
  },
  {
    name: 'answers undefined for a key it never held',
    async check({ store }) {
      assert.equal(await read(store, freshKey('absent')), undefined);
      assert.equal(store.available, true);
    },
  },
  {
    name: 'replaces an entry set again under the same key',
    async check({ store }, clock) {
      const key = freshKey('overwrite');
      await store.set(key, entryAt(clock.now, { body: utf8('{"id":"a","v":1}'), etag: '"1"' }));
      await store.set(key, entryAt(clock.now, { body: utf8('{"id":"a","v":22}'), etag: '"2"' }));
      const got = await read(store, key);
      assert.equal(got?.etag, '"2"');
      assert.equal(new TextDecoder().decode(got?.body), '{"id":"a","v":22}');
    },
  },
  {
    name: 'forgets a deleted entry, and takes the delete of a key it never held',
    async check({ store }, clock) {
      const key = freshKey('deleted');
      const kept = freshKey('kept');
      await store.set(key, entryAt(clock.now));
      await store.set(kept, entryAt(clock.now));
      await store.delete(key);
      await store.delete(freshKey('never'));
      assert.equal(await read(store, key), undefined);
      assert.notEqual(await read(store, kept), undefined);
    },
  },
  {
    name: 'forgets an entry once its keepUntil has come, by its own clock',
    async check({ store }, clock) {
      const key = freshKey('expiry');
      const entry = entryAt(clock.now);
      await store.set(key, entry);
      clock.now = entry.keepUntil - 1;
      assert.ok(await read(store, key), 'gone before its keepUntil');
      clock.now = entry.keepUntil;
      assert.equal(await read(store, key), undefined);
      // An entry whose keepUntil has already passed is not kept at all.
      const late = freshKey('expired');
      await store.set(late, entryAt(clock.now - 20 * MINUTE));
      assert.equal(await read(store, late), undefined);
    },
  },
  {
    name: 'refuses a body over its budget, and evicts nothing for it',
    async check({ store }, clock) {
      const kept = freshKey('kept');
      const huge = freshKey('huge');
      await store.set(kept, entryAt(clock.now));
      await store.set(huge, entryAt(clock.now, { body: bytesOf(MAX_ENTRY_BYTES + 1) }));
      assert.equal(await read(store, huge), undefined);
      assert.ok(await read(store, kept), 'an entry was evicted for a body that was refused');
      assert.equal(store.available, true);
    },
  },
  {
    name: 'reads a value of an older format as a miss',
    needs: 'putOlderFormat',
    async check(made, _clock, subject) {
      const key = freshKey('older');
      await subject.putOlderFormat?.(made, key);
      assert.equal(await read(made.store, key), undefined);
      assert.equal(made.store.available, true, 'a value it cannot read is no outage');
    },
  },
  {
    name: 'reads garbage as a miss',
    needs: 'putGarbage',
    async check(made, _clock, subject) {
      for (const [i, putGarbage] of (subject.putGarbage ?? []).entries()) {
        const key = freshKey(`garbage-${i}`);
        await putGarbage(made, key);
        assert.equal(await read(made.store, key), undefined, `garbage #${i} read as an entry`);
      }
      assert.equal(made.store.available, true, 'a value it cannot read is no outage');
    },
  },
  {
    name: 'while unreachable answers every get UNREACHED (not a miss), takes every set, and says so',
    needs: 'cutOff',
    async check(made, clock, subject) {
      const { store } = made;
      const key = freshKey('before');
      await store.set(key, entryAt(clock.now));
      assert.ok(await read(store, key), 'not working before it was cut off');
      const bringBack = await subject.cutOff?.(made);
      try {
        assert.equal(await lookUp(store, key), UNREACHED);
        await store.set(freshKey('during'), entryAt(clock.now));
        assert.equal(store.available, false);
      } finally {
        await bringBack?.();
      }
    },
  },
  {
    name: 'is available again once its backend is back',
    needs: 'cutOff',
    async check(made, clock, subject) {
      const { store } = made;
      await read(store, freshKey('connect'));
      const bringBack = await subject.cutOff?.(made);
      await lookUp(store, freshKey('during'));
      assert.equal(store.available, false);
      await bringBack?.();
      const key = freshKey('after');
      // Reconnecting takes the client a moment of its own; the case waits for it, up to 20 s.
      for (const deadline = Date.now() + 20_000; !store.available; ) {
        assert.ok(Date.now() < deadline, 'still unavailable 20 s after its backend came back');
        await new Promise((resolve) => setTimeout(resolve, 50));
        await lookUp(store, key);
      }
      await store.set(key, entryAt(clock.now));
      assert.ok(await read(store, key), 'keeps nothing after its backend came back');
    },
  },
];
