// The cases every fleet adapter must pass, whatever carries it (as `stores/store-contract-cases.ts`
// is for stores). They need no test runner (only node:assert), so the same cases run under vitest
// on Redis and a Redis Cluster (`redis.contract.test.ts`) and inside workerd on the Durable Object
// (`fleet-contract-worker.ts`, `durable-object.contract.test.ts`). Each case plays two instances
// of one deployment; an instance's "upstream call" is counted by the case.
import assert from 'node:assert/strict';
import type { CacheEntry } from '../cache/entry.ts';
import type { Fleet, SharedFlight, WatchNews } from './fleet.ts';

/** Two instances of one fleet, made for one case. */
export interface MadeFleet {
  members: readonly [Fleet, Fleet];
  close?(): Promise<void>;
}

export interface FleetSubject {
  make(): MadeFleet | Promise<MadeFleet>;
}

export interface FleetCase {
  name: string;
  check(members: readonly [Fleet, Fleet]): Promise<void>;
}

/** A lease no busy machine's pause comes near. */
const LEASE_MS = 10_000;
/**
 * How long a leader holds its turn before it tells: long enough that every ask of a burst has
 * reached the fleet first, on a busy machine.
 */
const HOLD_MS = 1000;
/** A short lease, for a holder that dies. */
const SHORT_MS = 300;

let keys = 0;
/** A key no other case (nor an earlier run, on a Redis that outlives it) has used. */
const freshKey = (label: string) => `fleet-contract-${label}-${Date.now().toString(36)}-${keys++}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for `check`, within a deadline only a hang reaches. */
async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within 10 s`);
    await sleep(20);
  }
}

/** A body with every byte value, so no adapter may treat it as text. */
function bodyOf(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + 7) % 256;
  return bytes;
}

const entryOf = (body: Uint8Array<ArrayBuffer>): CacheEntry => ({
  body,
  etag: '"contract"',
  terminal: true,
  storedAt: 1,
  freshUntil: 2,
  keepUntil: 3,
});

/**
 * Asks as `fly-in-fleet` does: on its turn, one "upstream call" (`call`), told to the others after
 * `HOLD_MS`; else what the holder told, or another turn.
 */
async function ask(member: Fleet, key: string, call: () => SharedFlight): Promise<SharedFlight> {
  for (let turns = 0; turns < 3; turns++) {
    const turn = await member.flight(key, LEASE_MS);
    assert.notEqual(turn.kind, 'alone', 'the fleet could not be reached');
    if (turn.kind === 'lead') {
      const shared = call();
      await sleep(HOLD_MS);
      await turn.finish(shared);
      return shared;
    }
    const shared = turn.kind === 'follow' ? await turn.shared : undefined;
    if (shared) return shared;
  }
  throw new Error('no turn told anything in three turns');
}

const news = (id: string, final = false): WatchNews => ({
  event: { event: final ? 'done' : 'progress', id, at: 5, data: '{"a":"ü\\n"}' },
  final,
});

export const fleetCases: FleetCase[] = [
  {
    name: "20 concurrent asks on two instances make one upstream call; every follower gets the leader's bytes",
    async check(members) {
      const key = freshKey('one-call');
      const body = bodyOf(64 * 1024);
      let calls = 0;
      const call = (): SharedFlight => {
        calls++;
        return { kind: 'entry', entry: entryOf(body), upstreamMs: 12 };
      };
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => ask(members[i % 2] as Fleet, key, call)),
      );
      assert.equal(calls, 1);
      for (const answer of answers) {
        assert.deepEqual(answer, { kind: 'entry', entry: entryOf(body), upstreamMs: 12 });
      }
    },
  },
  {
    name: 'tells the waiters a failure, and a turn given up, as the holder told them',
    async check(members) {
      const told: SharedFlight[] = [
        {
          kind: 'failure',
          failure: { kind: 'server-error', status: 503, retryAfter: '7' },
          upstreamMs: 12,
        },
        { kind: 'abandoned' },
      ];
      for (const shared of told) {
        const key = freshKey('failure');
        const [held, waited] = await Promise.all([
          ask(members[0], key, () => shared),
          sleep(HOLD_MS / 4).then(() => members[1].flight(key, LEASE_MS)),
        ]);
        assert.deepEqual(held, shared);
        assert.equal(waited.kind, 'follow');
        assert.deepEqual(waited.kind === 'follow' && (await waited.shared), shared);
      }
    },
  },
  {
    name: "a dead holder's turn passes within its lease",
    async check([holder, waiter]) {
      const key = freshKey('dead');
      assert.equal((await holder.flight(key, SHORT_MS)).kind, 'lead');
      // The holder dies: nothing is ever told, only its lease running out ends the wait.
      const waited = await waiter.flight(key, LEASE_MS);
      assert.equal(waited.kind, 'follow');
      assert.equal(waited.kind === 'follow' && (await waited.shared), undefined);
      assert.equal((await waiter.flight(key, LEASE_MS)).kind, 'lead');
    },
  },
  {
    name: "a waiter never waits past its own lease, whatever the holder's says",
    async check([holder, waiter]) {
      const key = freshKey('own-lease');
      const held = await holder.flight(key, 60_000);
      assert.equal(held.kind, 'lead');
      const waited = await waiter.flight(key, SHORT_MS);
      assert.equal(waited.kind, 'follow');
      // Settled by the waiter's own lease, not the holder's minute.
      assert.equal(waited.kind === 'follow' && (await waited.shared), undefined);
      if (held.kind === 'lead') await held.finish({ kind: 'abandoned' });
    },
  },
  {
    name: 'watch news reaches the other instance, intact',
    async check([listener, speaker]) {
      const key = freshKey('news');
      const heard: WatchNews[] = [];
      const listening = listener.listen(key, (told) => heard.push(told));
      try {
        await until(() => listening.on, 'listening');
        speaker.broadcast(key, news('first'));
        speaker.broadcast(key, news('last', true));
        await until(() => heard.length === 2, 'the news');
        assert.deepEqual(heard, [news('first'), news('last', true)]);
      } finally {
        listening.close();
      }
    },
  },
  {
    name: 'one seat polls a watch; another takes it once the first resigns, or falls silent',
    async check([one, two]) {
      const key = freshKey('lead');
      assert.equal(await one.lead(key, 'seat-1', LEASE_MS), true);
      assert.equal(await two.lead(key, 'seat-2', LEASE_MS), false);
      assert.equal(await one.lead(key, 'seat-1', LEASE_MS), true);
      await one.resign(key, 'seat-1');
      assert.equal(await two.lead(key, 'seat-2', SHORT_MS), true);
      assert.equal(await one.lead(key, 'seat-1', LEASE_MS), false);
      // The second seat does not renew within its word: the first takes over.
      await sleep(SHORT_MS * 2);
      assert.equal(await one.lead(key, 'seat-1', LEASE_MS), true);
    },
  },
];

/**
 * The cases of the hint relay, for the adapters that relay hints (Redis's; the Durable Object's
 * does not: `durable-object-client.ts`).
 */
export const hintCases: FleetCase[] = [
  {
    name: 'a hint reaches the other instance as its file id alone, and never its sender',
    async check([listener, speaker]) {
      const id = freshKey('hint');
      const heard = { listener: [] as string[], speaker: [] as string[] };
      // Other runs may hint on the same Redis: only this case's ids count.
      const ours = (into: string[]) => (told: string) => told.startsWith(id) && into.push(told);
      const hearings = [
        listener.hearHints(ours(heard.listener)),
        speaker.hearHints(ours(heard.speaker)),
      ];
      try {
        await until(() => hearings.every((hearing) => hearing.on), 'hearing');
        speaker.hint(id);
        await until(() => heard.listener.length === 1, 'the hint');
        // Sent after the speaker's own hint went out: once it is heard, that one would have been.
        listener.hint(`${id}-back`);
        await until(() => heard.speaker.length === 1, 'the answer');
        assert.deepEqual(heard, { listener: [id], speaker: [`${id}-back`] });
      } finally {
        for (const hearing of hearings) hearing.close();
      }
    },
  },
];

export async function runFleetCase(fleetCase: FleetCase, subject: FleetSubject): Promise<void> {
  const made = await subject.make();
  try {
    await fleetCase.check(made.members);
  } finally {
    await made.close?.();
  }
}
