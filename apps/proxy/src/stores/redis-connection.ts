// The proxy's one way to Redis, a single server or a Cluster, shared by the store and the fleet
// (`fleet/redis.ts`). Redis going away must never fail a request: commands fail fast while it is
// down (no offline queue), slow ones time out, and either way the caller goes on without it; each
// party (the store, the fleet) logs one line per outage it meets, in its own words, and one when
// it recovers. A Redis that hangs (frozen, swapping) would
// cost every request the whole timeout: after a few consecutive failures a circuit breaker
// (`breaker.ts`) stops asking it for a cool-down.
import { once } from 'node:events';
import { Cluster, Redis } from 'ioredis';
import { BreakerOpenError, type BreakerOptions, createBreaker } from './breaker.ts';

/** Where Redis reports an outage and its end, one event line each. */
export type StoreLog = (line: {
  level: 'info' | 'warn';
  msg: string;
  [field: string]: unknown;
}) => void;

export interface RedisConnectionOptions {
  /** One redis:// URL, or for a Cluster the seed nodes' URLs, comma-separated. */
  url: string;
  /** A Redis Cluster: slots are found from the seeds and followed as they move. */
  cluster?: boolean;
  /** A command (or the first connection) slower than this counts as failed. */
  timeoutMs: number;
  log: StoreLog;
  /** When to stop asking a failing Redis, and for how long (`breaker.ts` has the defaults). */
  breaker?: BreakerOptions;
}

/** What both a single server and a Cluster client offer, as far as the proxy uses them. */
export type RedisClient = Redis | Cluster;

/** Who uses the connection, in the words its outage lines say. */
export interface RedisParty {
  unavailable: string;
  recovered: string;
  /** Fields that name the party in its lines (`store: 'redis'`). */
  names: Record<string, string>;
}

/** Commands of one party, each guarded: failures are its own to log. */
export interface Guarded {
  /** Whether Redis answered this party's last command and the breaker lets commands through. */
  readonly available: boolean;
  /** `work`'s result, or undefined if Redis failed, timed out or is being left alone. */
  guarded<T>(operation: string, work: (client: RedisClient) => Promise<T>): Promise<T | undefined>;
}

const STORE: RedisParty = {
  unavailable: 'cache store unavailable; requests go to the upstream',
  recovered: 'cache store recovered',
  names: { store: 'redis' },
};

export interface RedisConnection extends Guarded {
  readonly client: RedisClient;
  /**
   * A client in subscriber mode for sharded pub/sub (SSUBSCRIBE, Redis 7): a connection of its
   * own on a single server; on a Cluster, the Cluster's own per-shard subscribers.
   */
  subscriber(): RedisClient;
  /** The same commands for another party (the fleet), which logs its outages as its own. */
  party(party: RedisParty): Guarded;
  close(): void;
}

/** Each client's wait for its first 'ready', shared by every caller: listeners do not pile up. */
const readiness = new WeakMap<RedisClient, Promise<unknown>>();

/**
 * Resolves true once `client` is connected, false after `ms` or on a connection error (the next
 * call waits again).
 */
export async function whenReady(client: RedisClient, ms: number): Promise<boolean> {
  if (client.status === 'ready') return true;
  let ready = readiness.get(client);
  if (!ready) {
    ready = once(client, 'ready').finally(() => readiness.delete(client));
    readiness.set(client, ready);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([ready.then(() => true), late])
    .catch(() => false)
    .finally(() => clearTimeout(timer));
}

function connect(options: RedisConnectionOptions): RedisClient {
  const redisOptions = {
    // Without an offline queue a command fails at once while Redis is away, which is what an
    // outage wants; only the very first connection is worth waiting for (`guarded`).
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.timeoutMs,
    connectTimeout: Math.max(options.timeoutMs, 1000),
    retryStrategy: (attempt: number) => Math.min(attempt * 100, 2000),
  };
  const urls = options.url.split(',').map((url) => url.trim());
  if (!options.cluster) return new Redis(urls[0] ?? '', redisOptions);
  const seeds = urls.map((url) => {
    const { hostname, port } = new URL(url);
    return { host: hostname, port: Number(port || 6379) };
  });
  const { username, password } = new URL(urls[0] ?? '');
  return new Cluster(seeds, {
    enableOfflineQueue: false,
    shardedSubscribers: true,
    clusterRetryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    // A master that goes away comes back on its own port: reconnect to it, as to a single server.
    clusterNodeRetryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    redisOptions: {
      ...redisOptions,
      ...(username ? { username: decodeURIComponent(username) } : {}),
      ...(password ? { password: decodeURIComponent(password) } : {}),
    },
  });
}

/** A party's guarded commands over one client and the breaker every party shares. */
function guard(
  client: RedisClient,
  breaker: ReturnType<typeof createBreaker>,
  options: RedisConnectionOptions,
  party: RedisParty,
): Guarded {
  let available = true;
  // Only the very first connection is worth waiting for, within the command timeout; later, a
  // Redis that is away fails commands at once.
  let everReady = client.status === 'ready';
  client.once('ready', () => {
    everReady = true;
  });
  const failed = (operation: string, error: unknown) => {
    // Refused by the open breaker: the outage that opened it is already logged.
    if (error instanceof BreakerOpenError || !available) return;
    available = false;
    const reason = error instanceof Error ? error.message : String(error);
    options.log({
      level: 'warn',
      msg: party.unavailable,
      ...party.names,
      operation,
      error: reason,
    });
  };
  return {
    get available() {
      return available && !breaker.open;
    },
    async guarded(operation, work) {
      try {
        const result = await breaker.call(async () => {
          if (!everReady && !(await whenReady(client, options.timeoutMs))) {
            throw new Error(`connection timeout: not ready within ${options.timeoutMs} ms`);
          }
          return work(client);
        });
        if (!available) {
          available = true;
          options.log({ level: 'info', msg: party.recovered, ...party.names });
        }
        return result;
      } catch (error) {
        failed(operation, error);
        return undefined;
      }
    },
  };
}

export function connectRedis(options: RedisConnectionOptions): RedisConnection {
  const client = connect(options);
  const breaker = createBreaker(options.breaker);
  let subscriber: RedisClient | undefined;
  // ioredis reports each failed reconnect as an 'error' event; each party logs the outage once.
  client.on('error', () => {});
  const store = guard(client, breaker, options, STORE);

  return {
    client,
    subscriber() {
      if (subscriber) return subscriber;
      subscriber = client instanceof Cluster ? client : client.duplicate();
      subscriber.on('error', () => {});
      return subscriber;
    },
    get available() {
      return store.available;
    },
    guarded: (operation, work) => store.guarded(operation, work),
    party: (party) => guard(client, breaker, options, party),
    close() {
      if (subscriber !== client) subscriber?.disconnect();
      client.disconnect();
    },
  };
}
