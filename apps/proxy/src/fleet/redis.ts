// The fleet (`fleet.ts`) on Redis 7, a single server or a Cluster. Every key and channel of one
// (credential, file) shares the value's hash tag (`redis-value.ts`), so it lives in one Cluster
// slot and one shard's pub/sub (SSUBSCRIBE). Single flight: a lease (`…:lease`, SET-if-absent with
// an expiry) says who asks the upstream; the holder seals what it got into `…:done` for a few
// seconds and publishes it on `…:flight`, and the waiters, subscribed first, take it from either,
// so none misses a flight that ended while it subscribed. A holder that dies stops renewing
// nothing: its lease expires and a waiter takes its turn. Push: a second claim (`…:watch`) names
// the instance that polls a watched file, until when it will next renew; its events go out on
// `…:events`. The fleet trusts nothing in Redis it did not seal with CACHE_KEY_SECRET (whoever can
// write to Redis could otherwise stall a file with a forged lease or claim), and nothing sealed
// long ago (a claim says when it runs out, a message when it was sent): a waiter never waits past
// its own lease, and a poller that falls silent is replaced once its claim runs out.
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { type RedisClient, type RedisConnection, whenReady } from '../stores/redis-connection.ts';
import {
  entryBytes,
  MAC_BYTES,
  readEntryBytes,
  redisKey,
  type ValueCodec,
} from '../stores/redis-value.ts';
import type { Fleet, FlightTurn, SharedFlight, WatchNews } from './fleet.ts';

/** How long a finished flight's answer stays for a waiter still subscribing. */
const DONE_MS = 5000;
/** Past a lease's expiry, before a waiter takes its turn: Redis's clock is not ours. */
const EXPIRY_SLACK_MS = 25;
/**
 * How far a sealed message's time may lie from this instance's clock, either way: messages
 * travel in milliseconds, so one older than a finished flight's answer is kept is a replay, and
 * this much covers the clocks of two instances that disagree a little.
 */
const MESSAGE_AGE_MS = DONE_MS;

// A claim (a flight's lease, a watch's lead): set if free, or if it is the caller's to renew
// (its value starts with ARGV[4], the holder, when given), or if it still holds ARGV[3], a value
// the caller found untrustworthy (not sealed by the fleet, or past its time); else who holds it.
const CLAIM = `local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[3] and (ARGV[4] == '' or string.sub(holder, 1, string.len(ARGV[4])) ~= ARGV[4]) then return holder end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;
// The answer kept for late waiters, and the lease freed if it is still the caller's.
const FINISH = `redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;
const RESIGN = `local holder = redis.call('GET', KEYS[1])
if holder and string.sub(holder, 1, string.len(ARGV[1])) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;

const NEWLINE = 0x0a;
const randomId = () => randomBytes(12).toString('hex');

/**
 * A claim's value: `<holder> <until> <MAC>`, the MAC (hex) over both under the key's name. Whoever
 * can write to Redis but has not CACHE_KEY_SECRET cannot make one, nor move one to another key;
 * an old one copied back says when it ran out.
 */
function claimValue(codec: ValueCodec, key: string, holder: string, until: number): string {
  const claim = `${holder} ${until}`;
  return `${claim} ${codec.seal(key, Buffer.from(claim)).toString('hex', 0, MAC_BYTES)}`;
}

/** Who holds the claim `value` of `key`, and until when; undefined for a value the fleet did not seal. */
function readClaim(codec: ValueCodec, key: string, value: string) {
  const [holder = '', until = '', mac = ''] = value.split(' ');
  const claim = `${holder} ${until}`;
  if (
    !/^[0-9a-f]{64}$/.test(mac) ||
    !codec.open(key, Buffer.concat([Buffer.from(mac, 'hex'), Buffer.from(claim)]))
  ) {
    return undefined;
  }
  return { holder, until: Number(until) };
}

/**
 * `<sender> \n <sealed: sender, time, payload>`: the sender in the clear, to skip one's own
 * messages unopened; inside the seal again with the time it was sent, so a message cannot be put
 * in another's mouth, nor sent again later.
 */
function frame(
  codec: ValueCodec,
  channel: string,
  sender: string,
  at: number,
  ...payload: Buffer[]
) {
  const head = Buffer.from(`${sender} ${at}\n`);
  return Buffer.concat([Buffer.from(`${sender}\n`), codec.seal(channel, head, ...payload)]);
}

/** What `frame` sent on `channel`, from whom, if it is sealed and recent by `now`. */
function unframe(codec: ValueCodec, channel: string, message: Buffer, now: number) {
  const end = message.indexOf(NEWLINE);
  if (end < 0) return undefined;
  const sender = message.toString('latin1', 0, end);
  const opened = codec.open(channel, message.subarray(end + 1));
  const headEnd = opened?.indexOf(NEWLINE) ?? -1;
  if (!opened || headEnd < 0) return undefined;
  const [sealedSender, at] = opened.toString('latin1', 0, headEnd).split(' ');
  const age = now - Number(at);
  if (sealedSender !== sender || !(Math.abs(age) <= MESSAGE_AGE_MS)) return undefined;
  return { sender, payload: opened.subarray(headEnd + 1) };
}

/** A shared flight as bytes: a line of JSON, then the entry (figures and body) if there is one. */
function sharedBytes(shared: SharedFlight): Buffer[] {
  if (shared.kind !== 'entry') return [Buffer.from(`${JSON.stringify(shared)}\n`)];
  const head = Buffer.from(`${JSON.stringify({ kind: 'entry', upstreamMs: shared.upstreamMs })}\n`);
  return [head, ...entryBytes(shared.entry)];
}

function readShared(bytes: Buffer): SharedFlight | undefined {
  const end = bytes.indexOf(NEWLINE);
  let head: Partial<SharedFlight> & { upstreamMs?: number };
  try {
    head = JSON.parse(bytes.toString('utf8', 0, end));
  } catch {
    return undefined;
  }
  if (head.kind === 'abandoned' || head.kind === 'failure') return head as SharedFlight;
  const entry = head.kind === 'entry' ? readEntryBytes(bytes.subarray(end + 1)) : undefined;
  return entry && { kind: 'entry', entry, upstreamMs: head.upstreamMs };
}

/** Sharded channels this instance listens on, each subscribed once for all its listeners. */
function createChannels(connection: RedisConnection, timeoutMs: number) {
  const listeners = new Map<
    string,
    { hear: Set<(message: Buffer) => void>; ok: Promise<boolean> }
  >();
  let subscriber: RedisClient | undefined;
  const start = () => {
    if (subscriber) return subscriber;
    subscriber = connection.subscriber();
    subscriber.on('smessageBuffer', (channel: Buffer, message: Buffer) => {
      for (const hear of listeners.get(channel.toString())?.hear ?? []) hear(message);
    });
    return subscriber;
  };
  return {
    /** Listens on `channel`; resolves to the way to stop, or undefined if Redis cannot be heard. */
    async listen(channel: string, hear: (message: Buffer) => void) {
      const client = start();
      let known = listeners.get(channel);
      if (!known) {
        const ok = (async () =>
          (await whenReady(client, timeoutMs)) &&
          (await client.ssubscribe(channel).then(
            () => true,
            () => false,
          )))();
        known = { hear: new Set(), ok };
        listeners.set(channel, known);
      }
      const entry = known;
      entry.hear.add(hear);
      const stop = () => {
        entry.hear.delete(hear);
        if (entry.hear.size > 0 || listeners.get(channel) !== entry) return;
        listeners.delete(channel);
        void client.sunsubscribe(channel).catch(() => {});
      };
      if (await entry.ok) return stop;
      stop();
      // A failed subscription is not kept: the next listener tries again.
      if (listeners.get(channel) === entry) listeners.delete(channel);
      return undefined;
    },
  };
}

/**
 * `timeoutMs`: how long a subscription waits for a connection that is not ready yet; `now`: the
 * clock claims and messages are timed by (the fleet's instances should agree on it within a
 * second; decision 007).
 */
export function createRedisFleet(
  connection: RedisConnection,
  codec: ValueCodec,
  timeoutMs: number,
  now: () => number = Date.now,
): Fleet {
  const instance = randomId();
  const channels = createChannels(connection, timeoutMs);

  /** What the holder `holder` of `channel`'s flight told, from a message or the `…:done` key. */
  const told = (channel: string, holder: string, raw: Buffer | null | undefined) => {
    const message = raw ? unframe(codec, channel, raw, now()) : undefined;
    return message?.sender === holder ? readShared(message.payload) : undefined;
  };

  /**
   * Claims `key` with `value` for `ms`: 1 if it is the caller's now, else the value of whoever
   * holds it; undefined if Redis cannot be reached. `replacing`: a value found untrustworthy,
   * taken over if it is still there; `renewing`: the caller's own prefix (`<holder> `).
   */
  const claim = (
    operation: 'lease' | 'watch',
    key: string,
    value: string,
    ms: number,
    { replacing = '', renewing = '' } = {},
  ) =>
    connection.guarded(
      operation,
      (redis) => redis.eval(CLAIM, 1, key, value, ms, replacing, renewing) as Promise<1 | string>,
    );

  async function follow(
    keys: { lease: string; done: string; channel: string },
    lease: { value: string; holder: string },
    waitMs: number,
  ): Promise<FlightTurn> {
    let settle: (shared: SharedFlight | undefined) => void = () => {};
    const shared = new Promise<SharedFlight | undefined>((resolve) => {
      settle = resolve;
    });
    const stop = await channels.listen(keys.channel, (message) => {
      const heard = told(keys.channel, lease.holder, message);
      if (heard) settle(heard);
    });
    if (!stop) return { kind: 'alone' };
    // Subscribed now: a flight that ended before is in `…:done`.
    const [current, done] =
      (await connection.guarded('lease', (redis) => redis.mgetBuffer(keys.lease, keys.done))) ?? [];
    const doneAlready = told(keys.channel, lease.holder, done);
    if (doneAlready) settle(doneAlready);
    else if (current?.toString() !== lease.value) settle(undefined);
    const timer = setTimeout(() => settle(undefined), Math.max(waitMs, 0) + EXPIRY_SLACK_MS);
    return {
      kind: 'follow',
      shared: shared.finally(() => {
        clearTimeout(timer);
        stop();
      }),
    };
  }

  return {
    async flight(key, leaseMs) {
      const base = redisKey(key);
      const keys = { lease: `${base}:lease`, done: `${base}:done`, channel: `${base}:flight` };
      const flight = randomId();
      const startedAt = now();
      const value = claimValue(codec, keys.lease, flight, startedAt + leaseMs);
      let reply = await claim('lease', keys.lease, value, leaseMs);
      if (reply === undefined) return { kind: 'alone' };
      if (reply !== 1) {
        const held = readClaim(codec, keys.lease, reply);
        // A holder of the fleet's, within its time: wait for it, but never past this
        // instance's own lease, whatever the claim says.
        if (held && held.until > startedAt) {
          const waitMs = Math.min(held.until - startedAt, leaseMs);
          return follow(keys, { value: reply, holder: held.holder }, waitMs);
        }
        // A lease no instance sealed (forged), or one past its time (copied back): nobody is
        // asking the upstream; take the turn if it is still that value.
        reply = await claim('lease', keys.lease, value, leaseMs, { replacing: reply });
        if (reply === undefined) return { kind: 'alone' };
        // Someone else took it meanwhile: another turn.
        if (reply !== 1) return { kind: 'follow', shared: Promise.resolve(undefined) };
      }
      return {
        kind: 'lead',
        async finish(shared) {
          const message = frame(codec, keys.channel, flight, now(), ...sharedBytes(shared));
          await connection.guarded('lease', async (redis) => {
            await redis.eval(FINISH, 2, keys.lease, keys.done, value, message, DONE_MS);
            await redis.spublish(keys.channel, message);
          });
        },
      };
    },
    async lead(key, dueInMs) {
      const watchKey = `${redisKey(key)}:watch`;
      const value = claimValue(codec, watchKey, instance, now() + dueInMs);
      const renewing = `${instance} `;
      const reply = await claim('watch', watchKey, value, dueInMs, { renewing });
      if (reply === undefined) return undefined;
      if (reply === 1) return true;
      const held = readClaim(codec, watchKey, reply);
      // Another instance polls, and said when it would next renew: it has not gone silent yet.
      if (held && now() <= held.until + EXPIRY_SLACK_MS) return false;
      // Not sealed by the fleet (forged), or overdue (its holder died, hangs, or cannot reach
      // Redis): this instance polls from now on.
      const taken = await claim('watch', watchKey, value, dueInMs, { replacing: reply, renewing });
      return taken === undefined ? undefined : taken === 1;
    },
    async resign(key) {
      await connection.guarded('watch', (redis) =>
        redis.eval(RESIGN, 1, `${redisKey(key)}:watch`, `${instance} `),
      );
    },
    broadcast(key, news) {
      const channel = `${redisKey(key)}:events`;
      const message = frame(codec, channel, instance, now(), Buffer.from(JSON.stringify(news)));
      void connection.guarded('watch', (redis) => redis.spublish(channel, message));
    },
    listen(key, hear) {
      const channel = `${redisKey(key)}:events`;
      const onMessage = (message: Buffer) => {
        // One's own news is skipped unopened; another's only if sealed, and sent just now.
        if (message.toString('latin1', 0, message.indexOf(NEWLINE)) === instance) return;
        const opened = unframe(codec, channel, message, now());
        if (opened) hear(JSON.parse(opened.payload.toString()) as WatchNews);
      };
      let closed = false;
      let pending = false;
      let stop: (() => void) | undefined;
      const subscribe = () => {
        pending = true;
        void channels.listen(channel, onMessage).then((off) => {
          pending = false;
          stop = off;
          if (closed) off?.();
        });
      };
      subscribe();
      return {
        get on() {
          // A subscription that failed (Redis away, a Cluster shard not yet connected) is tried
          // again whenever the watch asks.
          if (!stop && !pending && !closed) subscribe();
          return stop !== undefined;
        },
        close() {
          closed = true;
          stop?.();
        },
      };
    },
  };
}
