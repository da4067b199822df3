// Cache keys that never contain a token: HMAC-SHA-256 (Web Crypto, so every runtime has it) of
// the bearer token under a per-deployment secret, plus the file id. A result is only ever found
// again by the token that fetched it, and neither the store nor its dumps reveal a token.

/** May answer synchronously: runtimes with a synchronous HMAC (node:crypto) save a tick a hit. */
export type KeyDeriver = (token: string) => string | Promise<string>;

const encoder = new TextEncoder();
const hex = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export function toHex(bytes: ArrayBuffer): string {
  let out = '';
  for (const byte of new Uint8Array(bytes)) out += hex[byte];
  return out;
}

/**
 * Remembers the keys of the last `max` tokens, because a polling client sends the same token many
 * times a second and an HMAC costs more than the whole cache hit around it. The tokens stay in
 * this process's memory, as every request's own headers do; they never reach the store, its
 * keys, or the logs.
 */
export function memoized(derive: KeyDeriver, max = 4096): KeyDeriver {
  const keys = new Map<string, string>();
  const remember = (token: string, key: string) => {
    // Clearing at the bound keeps every hit a plain Map lookup; refilling costs one HMAC a token.
    if (keys.size >= max) keys.clear();
    keys.set(token, key);
    return key;
  };
  return (token) => {
    const known = keys.get(token);
    if (known !== undefined) return known;
    const derived = derive(token);
    return typeof derived === 'string'
      ? remember(token, derived)
      : derived.then((key) => remember(token, key));
  };
}

/** `secret` undefined: a random one, so keys (and the cache) are private to this process. */
export function createKeyDeriver(secret: string | undefined): KeyDeriver {
  const raw = secret ? encoder.encode(secret) : crypto.getRandomValues(new Uint8Array(32));
  const key = crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return memoized(async (token) =>
    toHex(await crypto.subtle.sign('HMAC', await key, encoder.encode(token))),
  );
}

export const cacheKey = (tokenKey: string, id: string) => `${tokenKey}:${id}`;

/** The file id of a cache key (a token's HMAC is hex: the first colon ends it). */
export const idOfKey = (key: string) => key.slice(key.indexOf(':') + 1);
