// The fleet (`fleet.ts`) on Redis 7, a single server or a Cluster. Every key and channel of one
// (credential, file) shares the value's hash tag (`redis-value.ts`), so it lives in one Cluster
// slot and one shard's pub/sub (SSUBSCRIBE). Single flight: a lease (`…:lease`, SET-if-absent with
// an expiry) says who asks the upstream; the holder seals what it got into `…:done` for a few
// seconds and publishes it on `…:flight`, and the waiters, subscribed first, take it from either,
// so none misses a flight that ended while it subscribed. A holder that dies stops renewing
// nothing: its lease expires and a waiter takes its turn. Push: a second lease (`…:watch`) names
// the instance that polls a watched file; its events go out on `…:events`.
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import type { Fleet, FlightTurn, SharedFlight, WatchNews } from '../fleet.ts';
import { type RedisClient, type RedisConnection, whenReady } from './redis-connection.ts';
import { entryBytes, readEntryBytes, redisKey, type ValueCodec } from './redis-value.ts';

/** How long a finished flight's answer stays for a waiter still subscribing. */
const DONE_MS = 5000;
/** Past a lease's expiry, before a waiter takes its turn: Redis's clock is not ours. */
const EXPIRY_SLACK_MS = 25;

// The lease if free (the caller holds it), else who holds it and for how much longer.
const ACQUIRE = `local holder = redis.call('GET', KEYS[1])
if holder then return {holder, redis.call('PTTL', KEYS[1])} end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return {ARGV[1], tonumber(ARGV[2])}`;
// The answer kept for late waiters, and the lease freed if it is still the caller's.
const FINISH = `redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;
// Taken if free, renewed if the caller's.
const LEAD = `local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;
const RESIGN = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;

const NEWLINE = 0x0a;
const randomId = () => randomBytes(12).toString('hex');

/** `<sender> \n <sealed payload>`: the sender in the clear, to skip one's own messages unopened. */
function frame(sender: string, sealed: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${sender}\n`), sealed]);
}

function unframe(message: Buffer): { sender: string; sealed: Buffer } | undefined {
  const end = message.indexOf(NEWLINE);
  if (end < 0) return undefined;
  return { sender: message.toString('latin1', 0, end), sealed: message.subarray(end + 1) };
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

/** `timeoutMs`: how long a subscription waits for a connection that is not ready yet. */
export function createRedisFleet(
  connection: RedisConnection,
  codec: ValueCodec,
  timeoutMs: number,
): Fleet {
  const instance = randomId();
  const channels = createChannels(connection, timeoutMs);

  /** What the holder `holder` of `channel`'s flight told, from a message or the `…:done` key. */
  const told = (channel: string, holder: string, raw: Buffer | null | undefined) => {
    const parts = raw ? unframe(raw) : undefined;
    if (parts?.sender !== holder) return undefined;
    const opened = codec.open(channel, parts.sealed);
    return opened && readShared(opened);
  };

  async function follow(
    keys: { lease: string; done: string; channel: string },
    holder: string,
    leftMs: number,
  ): Promise<FlightTurn> {
    let settle: (shared: SharedFlight | undefined) => void = () => {};
    const shared = new Promise<SharedFlight | undefined>((resolve) => {
      settle = resolve;
    });
    const stop = await channels.listen(keys.channel, (message) => {
      const heard = told(keys.channel, holder, message);
      if (heard) settle(heard);
    });
    if (!stop) return { kind: 'alone' };
    // Subscribed now: a flight that ended before is in `…:done`.
    const [lease, done] =
      (await connection.guarded('lease', (redis) => redis.mgetBuffer(keys.lease, keys.done))) ?? [];
    const doneAlready = told(keys.channel, holder, done);
    if (doneAlready) settle(doneAlready);
    else if (lease?.toString() !== holder) settle(undefined);
    const timer = setTimeout(() => settle(undefined), Math.max(leftMs, 0) + EXPIRY_SLACK_MS);
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
      const reply = await connection.guarded(
        'lease',
        (redis) => redis.eval(ACQUIRE, 1, keys.lease, flight, leaseMs) as Promise<[string, number]>,
      );
      if (!reply) return { kind: 'alone' };
      const [holder, leftMs] = reply;
      if (holder !== flight) return follow(keys, holder, leftMs);
      return {
        kind: 'lead',
        async finish(shared) {
          const message = frame(flight, codec.seal(keys.channel, ...sharedBytes(shared)));
          await connection.guarded('lease', async (redis) => {
            await redis.eval(FINISH, 2, keys.lease, keys.done, flight, message, DONE_MS);
            await redis.spublish(keys.channel, message);
          });
        },
      };
    },
    async lead(key, leaseMs) {
      const lead = await connection.guarded('watch', (redis) =>
        redis.eval(LEAD, 1, `${redisKey(key)}:watch`, instance, leaseMs),
      );
      return lead === undefined ? undefined : lead === 1;
    },
    async resign(key) {
      await connection.guarded('watch', (redis) =>
        redis.eval(RESIGN, 1, `${redisKey(key)}:watch`, instance),
      );
    },
    broadcast(key, news) {
      const channel = `${redisKey(key)}:events`;
      const message = frame(instance, codec.seal(channel, Buffer.from(JSON.stringify(news))));
      void connection.guarded('watch', (redis) => redis.spublish(channel, message));
    },
    listen(key, hear) {
      const channel = `${redisKey(key)}:events`;
      const onMessage = (message: Buffer) => {
        const parts = unframe(message);
        if (!parts || parts.sender === instance) return;
        const opened = codec.open(channel, parts.sealed);
        if (opened) hear(JSON.parse(opened.toString()) as WatchNews);
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
