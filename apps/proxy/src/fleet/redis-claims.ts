// A claim in Redis (a flight's lease, a watch's lead), taken, renewed and released by scripts
// that read and write it at once: what the Redis fleet's flights and watches share.
import { randomBytes } from 'node:crypto';
import type { Guarded } from '../stores/redis-connection.ts';
import type { ValueCodec } from '../stores/redis-value.ts';
import type { Channels } from './redis-channels.ts';

// Set if free, or if it is the caller's to renew (its value starts with ARGV[4], the holder, when
// given), or if it still holds ARGV[3], a value the caller found untrustworthy (not sealed by the
// fleet, or past its time); else who holds it.
const CLAIM = `local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[3] and (ARGV[4] == '' or string.sub(holder, 1, string.len(ARGV[4])) ~= ARGV[4]) then return holder end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;
// Freed if it is still the holder's (its value starts with ARGV[1]).
const RELEASE = `local holder = redis.call('GET', KEYS[1])
if holder and string.sub(holder, 1, string.len(ARGV[1])) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;

/** Past a claim's expiry, before another takes it: Redis's clock is not ours. */
export const EXPIRY_SLACK_MS = 25;

export const randomId = () => randomBytes(12).toString('hex');

/** What the fleet's parts share: Redis as the fleet's party, the seal, the channels, the clock. */
export interface RedisFleetParts {
  redis: Guarded;
  codec: ValueCodec;
  channels: Channels;
  now: () => number;
}

export interface Claim {
  /** The sealed value (`redis-seal.ts` `claimValue`). */
  value: string;
  ms: number;
  /** A value found untrustworthy, taken over if it is still there. */
  replacing?: string;
  /** The caller's own prefix (`<holder> `): its claim is renewed. */
  renewing?: string;
}

/**
 * Claims `key`: 1 if it is the caller's now, else the value of whoever holds it; undefined if
 * Redis cannot be reached.
 */
export const claim = (
  redis: Guarded,
  operation: 'lease' | 'watch',
  key: string,
  { value, ms, replacing = '', renewing = '' }: Claim,
) =>
  redis.guarded(
    operation,
    (client) => client.eval(CLAIM, 1, key, value, ms, replacing, renewing) as Promise<1 | string>,
  );

/** Frees `key` if `holder` still holds it. */
export const release = (redis: Guarded, key: string, holder: string) =>
  redis.guarded('watch', (client) => client.eval(RELEASE, 1, key, `${holder} `));
