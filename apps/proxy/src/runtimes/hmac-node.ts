// The cache key's HMAC with node:crypto (Node and Bun): synchronous, so a cache hit costs no
// extra tick, and a third cheaper than Web Crypto plus a hex loop. Same keys as cache/key.ts.
import { createHmac, randomBytes } from 'node:crypto';
import { type KeyDeriver, memoized } from '../cache/key.ts';

export function createNodeKeyDeriver(secret: string | undefined): KeyDeriver {
  const key = secret ?? randomBytes(32);
  return memoized((token) => createHmac('sha256', key).update(token).digest('hex'));
}
