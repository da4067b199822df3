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

/** `secret` undefined: a random one, so keys (and the cache) are private to this process. */
export function createKeyDeriver(secret: string | undefined): KeyDeriver {
  const raw = secret ? encoder.encode(secret) : crypto.getRandomValues(new Uint8Array(32));
  const key = crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return async (token) => toHex(await crypto.subtle.sign('HMAC', await key, encoder.encode(token)));
}

export const cacheKey = (tokenKey: string, id: string) => `${tokenKey}:${id}`;
