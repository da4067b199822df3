// The fleet contract (`fleet-contract-cases.ts`) on a real redis-server and a real Redis Cluster
// of three masters: two instances, each with its own connection, as two processes would have.

import {
  type RedisCluster,
  type RedisServer,
  startRedis,
  startRedisCluster,
} from '@mdss-kit/test-support';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { connectRedis } from '../stores/redis-connection.ts';
import { createValueCodec } from '../stores/redis-value.ts';
import { fleetContract } from './fleet-contract.ts';
import { type FleetSubject, hintCases, runFleetCase } from './fleet-contract-cases.ts';
import { createRedisFleet } from './redis.ts';

const SECRET = 'a secret shared by the fleet';
/** Long enough that a pause of this busy 2-core machine does not count as Redis failing. */
const TIMEOUT_MS = 2000;

/** Two instances on the Redis at `url` (a single server, or a Cluster's seeds). */
/** The contract, and the hint relay's cases (Redis relays hints; the Durable Object does not). */
function redisContract(name: string, subject: FleetSubject) {
  fleetContract(name, subject);
  for (const hintCase of hintCases) {
    it(`${name}: ${hintCase.name}`, () => runFleetCase(hintCase, subject), 30_000);
  }
}

const redisSubject = (url: () => string, cluster: boolean): FleetSubject => ({
  make() {
    const connections = [0, 1].map(() =>
      connectRedis({ url: url(), cluster, timeoutMs: TIMEOUT_MS, log: () => {} }),
    );
    const codec = createValueCodec(SECRET);
    const [one, two] = connections.map((c) => createRedisFleet(c, codec, TIMEOUT_MS));
    if (!one || !two) throw new Error('two instances');
    return {
      members: [one, two],
      async close() {
        for (const connection of connections) connection.close();
      },
    };
  },
});

describe('the fleet contract on one Redis', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  redisContract(
    'redis',
    redisSubject(() => redis.url, false),
  );
});

describe('the fleet contract on a Redis Cluster', () => {
  let cluster: RedisCluster;
  beforeAll(async () => {
    cluster = await startRedisCluster();
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
  });
  redisContract(
    'redis cluster',
    redisSubject(() => cluster.url, true),
  );
});
