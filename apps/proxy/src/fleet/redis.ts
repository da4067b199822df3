// The fleet (`fleet.ts`) on Redis 7, a single server or a Cluster: single flight on leases
// (`redis-flights.ts`), watch leadership and event relay (`redis-watches.ts`), hint relay
// (`redis-hints.ts`), over sharded channels (`redis-channels.ts`). Every key and channel of one
// (credential, file) shares the value's hash tag (`stores/redis-value.ts`), so it lives in one
// Cluster slot and one shard's pub/sub (SSUBSCRIBE). The fleet trusts nothing in Redis it did not seal with CACHE_KEY_SECRET
// (`redis-seal.ts`; whoever can write to Redis could otherwise stall a file with a forged lease or
// claim), and nothing sealed long ago (decision 007). Its outages are logged as the fleet's.
import type { RedisConnection } from '../stores/redis-connection.ts';
import type { ValueCodec } from '../stores/redis-value.ts';
import type { Fleet } from './fleet.ts';
import { createChannels } from './redis-channels.ts';
import { randomId } from './redis-claims.ts';
import { redisFlight } from './redis-flights.ts';
import { redisHints } from './redis-hints.ts';
import { redisWatches } from './redis-watches.ts';

const FLEET_PARTY = {
  unavailable: 'fleet unavailable; each instance asks the upstream and polls alone',
  recovered: 'fleet recovered',
  names: { fleet: 'redis' },
};

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
  const redis = connection.party(FLEET_PARTY);
  const parts = { redis, codec, channels: createChannels(connection, timeoutMs), now };
  const instance = randomId();
  return {
    flight: redisFlight(parts),
    ...redisWatches(parts, instance),
    ...redisHints(parts, instance),
  };
}
