// Single flight on Redis: a lease (`…:lease`, SET-if-absent with an expiry) says who asks the
// upstream; the holder seals what it got into `…:done` for a few seconds and publishes it on
// `…:flight`, and the waiters, subscribed first, take it from either, so none misses a flight that
// ended while it subscribed. A holder that dies stops renewing nothing: its lease expires and a
// waiter takes its turn. A waiter never waits past its own lease, whatever the holder's says.
import type { Buffer } from 'node:buffer';
import { redisKey } from '../stores/redis-value.ts';
import type { FlightTurn, SharedFlight } from './fleet.ts';
import { claim, EXPIRY_SLACK_MS, type RedisFleetParts, randomId } from './redis-claims.ts';
import { claimValue, DONE_MS, frame, readClaim, unframe } from './redis-seal.ts';
import { readShared, sharedBytes } from './shared-flight.ts';

// The answer kept for late waiters, and the lease freed if it is still the caller's.
const FINISH = `redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;

interface FlightKeys {
  lease: string;
  done: string;
  channel: string;
}

const keysOf = (key: string): FlightKeys => {
  const base = redisKey(key);
  return { lease: `${base}:lease`, done: `${base}:done`, channel: `${base}:flight` };
};

/** What the holder `holder` of `channel`'s flight told, from a message or the `…:done` key. */
function told(parts: RedisFleetParts, channel: string, holder: string, raw?: Buffer | null) {
  const message = raw ? unframe(parts.codec, channel, raw, parts.now()) : undefined;
  return message?.sender === holder ? readShared(message.payload) : undefined;
}

/** Waits for the holder of `lease` to tell, at most `waitMs`. */
async function follow(
  parts: RedisFleetParts,
  keys: FlightKeys,
  lease: { value: string; holder: string },
  waitMs: number,
): Promise<FlightTurn> {
  let settle: (shared: SharedFlight | undefined) => void = () => {};
  const shared = new Promise<SharedFlight | undefined>((resolve) => {
    settle = resolve;
  });
  const stop = await parts.channels.listen(keys.channel, (message) => {
    const heard = told(parts, keys.channel, lease.holder, message);
    if (heard) settle(heard);
  });
  if (!stop) return { kind: 'alone' };
  // Subscribed now: a flight that ended before is in `…:done`.
  const [current, done] =
    (await parts.redis.guarded('lease', (redis) => redis.mgetBuffer(keys.lease, keys.done))) ?? [];
  const doneAlready = told(parts, keys.channel, lease.holder, done);
  if (doneAlready) settle(doneAlready);
  else if (current?.toString() !== lease.value) settle(undefined);
  const timer = setTimeout(() => settle(undefined), Math.max(waitMs, 0) + EXPIRY_SLACK_MS);
  const ended = shared.finally(() => {
    clearTimeout(timer);
    stop();
  });
  return { kind: 'follow', shared: ended };
}

/** The turn of the lease's holder: `finish` tells the waiters and frees the lease. */
function lead(parts: RedisFleetParts, keys: FlightKeys, flight: string, value: string): FlightTurn {
  return {
    kind: 'lead',
    async finish(shared) {
      const message = frame(parts.codec, keys.channel, { id: flight, at: parts.now() }, [
        ...sharedBytes(shared),
      ]);
      await parts.redis.guarded('lease', async (redis) => {
        await redis.eval(FINISH, 2, keys.lease, keys.done, value, message, DONE_MS);
        await redis.spublish(keys.channel, message);
      });
    },
  };
}

export function redisFlight(parts: RedisFleetParts) {
  const { codec, now, redis } = parts;
  return async function flight(key: string, leaseMs: number): Promise<FlightTurn> {
    const keys = keysOf(key);
    const id = randomId();
    const startedAt = now();
    const value = claimValue(codec, keys.lease, id, startedAt + leaseMs);
    let reply = await claim(redis, 'lease', keys.lease, { value, ms: leaseMs });
    if (reply === undefined) return { kind: 'alone' };
    if (reply !== 1) {
      const held = readClaim(codec, keys.lease, reply);
      // A holder of the fleet's, within its time: wait for it, but never past this instance's
      // own lease, whatever the claim says.
      if (held && held.until > startedAt) {
        const waitMs = Math.min(held.until - startedAt, leaseMs);
        return follow(parts, keys, { value: reply, holder: held.holder }, waitMs);
      }
      // A lease no instance sealed (forged), or one past its time (copied back): nobody is
      // asking the upstream; take the turn if it is still that value.
      reply = await claim(redis, 'lease', keys.lease, { value, ms: leaseMs, replacing: reply });
      if (reply === undefined) return { kind: 'alone' };
      // Someone else took it meanwhile: another turn.
      if (reply !== 1) return { kind: 'follow', shared: Promise.resolve(undefined) };
    }
    return lead(parts, keys, id, value);
  };
}
