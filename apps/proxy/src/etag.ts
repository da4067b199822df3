// Strong validators for bodies, computed synchronously in plain JS on every runtime: a digest
// through Web Crypto runs on a thread pool and, under concurrent misses, queues for it. An ETag
// only has to tell two versions of one file's result apart, so a 53-bit hash plus the length
// is ample; it is not a security boundary (the cache key is).

/** cyrb53 (public domain): two 32-bit multiply-xorshift lanes over the bytes. */
function hash53(bytes: Uint8Array): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < bytes.length; i++) {
    const ch = bytes[i] as number;
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export function etagOf(bytes: Uint8Array): string {
  return `"${bytes.length.toString(36)}-${hash53(bytes).toString(36)}"`;
}
