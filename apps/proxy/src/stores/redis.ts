// A Redis store, for several proxy instances behind a load balancer. Redis going away must never
// fail a request: commands fail fast while it is down (no offline queue), slow ones time out, and
// either way the request goes upstream; one line is logged per outage, one when it recovers.
import { Buffer } from 'node:buffer';
import { Redis } from 'ioredis';
import type { CacheEntry, CacheStore } from './store.ts';

// v2: one value per entry, its figures as a line of JSON, then the body's bytes unchanged.
const PREFIX = 'mdss-proxy:v2:';
const NEWLINE = 0x0a;

export type StoreLog = (line: Record<string, unknown>) => void;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

type Meta = Omit<CacheEntry, 'body'>;

function isMeta(value: unknown): value is Meta {
  const meta = value as Meta;
  return (
    typeof meta?.etag === 'string' &&
    typeof meta.keepUntil === 'number' &&
    typeof meta.freshUntil === 'number'
  );
}

function encode({ body, ...meta }: CacheEntry): Buffer {
  return Buffer.concat([Buffer.from(`${JSON.stringify(meta)}\n`), body]);
}

/** The entry in `raw`, or undefined for anything this version did not write. */
function decode(raw: Buffer): CacheEntry | undefined {
  const end = raw.indexOf(NEWLINE);
  if (end < 0) return undefined;
  let meta: unknown;
  try {
    meta = JSON.parse(raw.toString('utf8', 0, end));
  } catch {
    return undefined;
  }
  // A copy: the reply may be a view of the client's larger read buffer.
  return isMeta(meta) ? { ...meta, body: new Uint8Array(raw.subarray(end + 1)) } : undefined;
}

export function createRedisStore(options: {
  url: string;
  timeoutMs: number;
  log: StoreLog;
  now?: () => number;
}): CacheStore {
  const now = options.now ?? Date.now;
  const redis = new Redis(options.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: Math.max(options.timeoutMs, 1000),
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
  });
  let available = true;
  // ioredis reports each failed reconnect as an 'error' event; the outage is logged once below.
  redis.on('error', () => {});
  // Without an offline queue a command fails at once while Redis is away, which is what an
  // outage wants; only the very first connection is worth waiting for, within the same budget.
  const firstReady = new Promise<void>((resolve) => redis.once('ready', () => resolve()));
  let connected = false;
  void firstReady.then(() => {
    connected = true;
  });

  async function guarded<T>(operation: string, work: () => Promise<T>): Promise<T | undefined> {
    try {
      if (!connected) await withTimeout(firstReady, options.timeoutMs);
      const result = await withTimeout(work(), options.timeoutMs);
      if (!available) {
        available = true;
        options.log({ level: 'info', msg: 'cache store recovered', store: 'redis' });
      }
      return result;
    } catch (error) {
      if (available) {
        available = false;
        options.log({
          level: 'warn',
          msg: 'cache store unavailable; requests go to the upstream',
          store: 'redis',
          operation,
          error: error instanceof Error ? error.message : String(error),
        });
      }
      return undefined;
    }
  }

  return {
    kind: 'redis',
    get available() {
      return available;
    },
    async get(key) {
      const raw = await guarded('get', () => redis.getBuffer(PREFIX + key));
      if (!raw) return undefined;
      const entry = decode(raw);
      return entry && entry.keepUntil > now() ? entry : undefined;
    },
    async set(key, entry) {
      const ttl = Math.ceil(entry.keepUntil - now());
      if (ttl <= 0) return;
      await guarded('set', () => redis.set(PREFIX + key, encode(entry), 'PX', ttl));
    },
    async close() {
      redis.disconnect();
    },
  };
}
