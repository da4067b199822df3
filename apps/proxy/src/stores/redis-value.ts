// How the Redis store names and writes an entry (format v3). Each value is bound to its key by a
// MAC, so a value copied under another credential's key, or altered, reads as a miss; and every
// key of one (credential, file) lives in one Redis Cluster hash slot.
import { Buffer } from 'node:buffer';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CacheEntry } from '../cache/entry.ts';
import { readEntryFigures, writeEntryFigures } from './entry-figures.ts';

const PREFIX = 'mdss-proxy:v3:';
const NEWLINE = 0x0a;
/** The length of a value's MAC (HMAC-SHA-256). */
export const MAC_BYTES = 32;
/**
 * Separates the MAC key from the cache-key HMAC under the same secret. It has spaces, which no
 * bearer token (RFC 6750 §2.1 b64token) has, so no token's cache key can be the MAC key.
 */
const MAC_LABEL = 'mdss-proxy redis value v3';

/**
 * The Redis key of the store key `<HMAC of the token>:<id>`: `mdss-proxy:v3:{<store key>}`. The
 * braces are a Redis Cluster hash tag holding the whole store key, so any later key about the same
 * (credential, file), named `mdss-proxy:v3:{<store key>}:<what>` (`:lease`, `:events`), hashes to
 * the same slot and can share a transaction or a script with the value. `}` and `%` are
 * percent-encoded inside the tag (ids may contain `}`), so the tag cannot end early.
 */
export function redisKey(storeKey: string): string {
  const tag = /[%}]/.test(storeKey) ? storeKey.replace(/[%}]/g, encodeURIComponent) : storeKey;
  return `${PREFIX}{${tag}}`;
}

export interface ValueCodec {
  /** `MAC ‖ figures as a line of JSON ‖ body`; the MAC covers the key, the figures and the body. */
  encode(key: string, entry: CacheEntry): Buffer;
  /** The entry in `raw`, or undefined for anything not written under `key` with this secret. */
  decode(key: string, raw: Buffer): CacheEntry | undefined;
  /** `MAC ‖ parts`, bound to `key` (a value, a message on a channel). */
  seal(key: string, ...parts: Uint8Array[]): Buffer;
  /** What `seal(key, …)` sealed, or undefined for anything else. */
  open(key: string, raw: Buffer): Buffer | undefined;
}

/** An entry's figures as a line of JSON, then its body. */
function entryBytes(entry: CacheEntry): Buffer[] {
  return [
    Buffer.from(`${writeEntryFigures(entry)}\n`),
    Buffer.from(entry.body.buffer, entry.body.byteOffset, entry.body.byteLength),
  ];
}

/** The entry `entryBytes` wrote, or undefined for anything else. */
function readEntryBytes(bytes: Buffer): CacheEntry | undefined {
  const end = bytes.indexOf(NEWLINE);
  const figures = end < 0 ? undefined : readEntryFigures(bytes.toString('utf8', 0, end));
  // A copy: the bytes may be a view of the client's larger read buffer.
  return figures && { ...figures, body: new Uint8Array(bytes.subarray(end + 1)) };
}

/**
 * `secret` is CACHE_KEY_SECRET; undefined: a random one, so values are readable only by this
 * process (instances sharing a Redis must share CACHE_KEY_SECRET).
 */
export function createValueCodec(secret: string | undefined): ValueCodec {
  const macKey = createHmac('sha256', secret ?? randomBytes(32))
    .update(MAC_LABEL)
    .digest();
  // The key's length first: (key, value) pairs that concatenate alike still differ.
  const mac = (key: string, ...parts: Uint8Array[]) => {
    const hmac = createHmac('sha256', macKey).update(`${Buffer.byteLength(key)}:${key}`);
    for (const part of parts) hmac.update(part);
    return hmac.digest();
  };
  const seal = (key: string, ...parts: Uint8Array[]) =>
    Buffer.concat([mac(key, ...parts), ...parts]);
  const open = (key: string, raw: Buffer) => {
    if (raw.byteLength < MAC_BYTES) return undefined;
    const signed = raw.subarray(MAC_BYTES);
    return timingSafeEqual(raw.subarray(0, MAC_BYTES), mac(key, signed)) ? signed : undefined;
  };
  return {
    seal,
    open,
    encode: (key, entry) => seal(key, ...entryBytes(entry)),
    decode(key, raw) {
      const signed = open(key, raw);
      return signed && readEntryBytes(signed);
    },
  };
}
