// The Redis fleet's own guarantees, beyond the fleet contract (`redis.contract.test.ts`): it
// trusts nothing in Redis it did not seal, nothing sealed long ago (decision 007), and with Redis
// away it says to act alone, at once, logging that as the fleet's outage.
import { Buffer } from 'node:buffer';
import { type RedisServer, startRedis } from '@mdss-kit/test-support';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, type StoreLog } from '../stores/redis-connection.ts';
import { createValueCodec, redisKey } from '../stores/redis-value.ts';
import type { SharedFlight, WatchNews } from './fleet.ts';
import { createRedisFleet } from './redis.ts';
import { HINTS } from './redis-hints.ts';

const SECRET = 'a secret shared by the fleet';

let redis: RedisServer;
const closing: (() => Promise<void> | void)[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  await Promise.all(closing.splice(0).map((close) => close()));
});
afterAll(async () => {
  await redis?.stop();
});

describe('the Redis fleet lease', () => {
  /**
   * An instance's fleet; `now`: its clock (another instance's may run ahead); `timeoutMs`: its
   * commands' deadline.
   */
  function fleet(now: () => number = Date.now, timeoutMs = 500, log: StoreLog = () => {}) {
    const connection = connectRedis({ url: redis.url, timeoutMs, log });
    closing.push(() => connection.close());
    return createRedisFleet(connection, createValueCodec(SECRET), timeoutMs, now);
  }
  /** A plain client: someone who can write to Redis but has not the fleet's secret. */
  function intruder() {
    const raw = new Redis(redis.url);
    closing.push(() => raw.disconnect());
    return raw;
  }
  const answer: SharedFlight = {
    kind: 'failure',
    failure: { kind: 'server-error', status: 503, retryAfter: '7' },
    upstreamMs: 12,
  };

  it('redis fleet: a waiter ignores a message for its flight not sealed with the secret', async () => {
    const [one, two] = [fleet(), fleet()];
    const held = await one.flight('k:forged', 2000);
    const waited = await two.flight('k:forged', 2000);
    if (held.kind !== 'lead' || waited.kind !== 'follow') throw new Error('no lead and follow');
    // Someone with access to Redis but not the secret speaks for the holder, on its channel.
    const raw = new Redis(redis.url);
    const base = redisKey('k:forged');
    const [holder] = String(await raw.get(`${base}:lease`)).split(' ');
    const forgedAnswer = { kind: 'failure', failure: { kind: 'timeout' }, upstreamMs: 1 };
    const forged = createValueCodec('another secret, not the fleet one').seal(
      `${base}:flight`,
      Buffer.from(`${JSON.stringify(forgedAnswer)}\n`),
    );
    await raw.spublish(`${base}:flight`, Buffer.concat([Buffer.from(`${holder}\n`), forged]));
    raw.disconnect();
    await held.finish(answer);
    expect(await waited.shared).toEqual(answer);
  });

  it('redis fleet: a forged lease (not sealed, an hour long) is no turn to wait for: it is taken over', async () => {
    const raw = intruder();
    const lease = `${redisKey('k:forged-lease')}:lease`;
    await raw.set(lease, `intruder ${Date.now() + 3_600_000} ${'ab'.repeat(32)}`, 'PX', 3_600_000);
    const turn = await fleet().flight('k:forged-lease', 2000);
    expect(turn.kind).toBe('lead');
    expect(await raw.get(lease)).not.toMatch(/^intruder /);
  });

  it("redis fleet: an earlier flight's sealed lease and answer, written back, are no turn to wait for", async () => {
    const raw = intruder();
    const base = redisKey('k:replayed-flight');
    const earlier = fleet();
    const held = await earlier.flight('k:replayed-flight', 2000);
    if (held.kind !== 'lead') throw new Error(`expected to lead, got ${held.kind}`);
    const lease = await raw.getBuffer(`${base}:lease`);
    await held.finish(answer);
    const done = await raw.getBuffer(`${base}:done`);
    if (!lease || !done) throw new Error('nothing to replay');
    // A minute later, both written back, for an hour.
    await raw.set(`${base}:lease`, lease, 'PX', 3_600_000);
    await raw.set(`${base}:done`, done, 'PX', 3_600_000);
    const later = fleet(() => Date.now() + 60_000);
    const turn = await later.flight('k:replayed-flight', 2000);
    expect(turn.kind).toBe('lead');
  });

  it("redis fleet: a watch's sealed news, sent again later, is not heard again", async () => {
    const raw = intruder();
    const channel = `${redisKey('k:replayed-news')}:events`;
    let offsetMs = 0;
    const clock = () => Date.now() + offsetMs;
    const [speaker, listener] = [fleet(clock), fleet(clock)];
    const heard: WatchNews[] = [];
    const listening = listener.listen('k:replayed-news', (news) => heard.push(news));
    closing.push(() => listening.close());
    await expect.poll(() => listening.on).toBe(true);
    // The intruder records what goes over the channel.
    const recorded: Buffer[] = [];
    const tap = raw.duplicate();
    closing.push(() => tap.disconnect());
    tap.on('smessageBuffer', (_channel: Buffer, message: Buffer) => recorded.push(message));
    await tap.ssubscribe(channel);
    const news = (id: string): WatchNews => ({
      event: { event: 'progress', id, at: 1, data: '{}' },
      final: false,
    });
    speaker.broadcast('k:replayed-news', news('first'));
    await expect.poll(() => heard.map((n) => n.event.id)).toEqual(['first']);
    await expect.poll(() => recorded.length).toBe(1);
    // A minute later the recording is played back; then the speaker says something new.
    offsetMs = 60_000;
    await raw.spublish(channel, recorded[0] as Buffer);
    speaker.broadcast('k:replayed-news', news('second'));
    await expect.poll(() => heard.map((n) => n.event.id)).toEqual(['first', 'second']);
  });

  it('redis fleet: a hint carries the file id and nothing else; a forged one is not heard', async () => {
    const [speaker, listener] = [fleet(), fleet()];
    const heard: string[] = [];
    const hearing = listener.hearHints((id) => heard.push(id));
    closing.push(() => hearing.close());
    await expect.poll(() => hearing.on).toBe(true);
    const channel = HINTS;
    const recorded: Buffer[] = [];
    const tap = intruder();
    tap.on('smessageBuffer', (_channel: Buffer, message: Buffer) => recorded.push(message));
    await tap.ssubscribe(channel);
    const forged = createValueCodec('another secret, not the fleet one');
    await intruder().spublish(
      channel,
      Buffer.concat([
        Buffer.from('x\n'),
        forged.seal(channel, Buffer.from(`x ${Date.now()}\n`), Buffer.from('forged')),
      ]),
    );
    speaker.hint('file-a');
    await expect.poll(() => heard).toEqual(['file-a']);
    await expect.poll(() => recorded.length).toBe(2);
    // Past the sender and the seal's head (the sender, the time), the id's own bytes, and no more.
    const message = recorded[1] as Buffer;
    const opened = createValueCodec(SECRET).open(
      channel,
      message.subarray(message.indexOf(0x0a) + 1),
    );
    const payload = opened?.subarray((opened?.indexOf(0x0a) ?? 0) + 1).toString();
    expect(payload).toBe('file-a');
  });

  it("redis fleet: with Redis stopped, says to ask alone, at once, and logs the outage as the fleet's", async () => {
    // A timeout no busy machine comes near: waiting it out is the only way to be that slow.
    const timeoutMs = 20_000;
    const lines: Parameters<StoreLog>[0][] = [];
    const one = fleet(Date.now, timeoutMs, (line) => lines.push(line));
    await one.flight('k:warm', 100);
    await redis.stop();
    try {
      const started = Date.now();
      expect((await one.flight('k:down', 2000)).kind).toBe('alone');
      expect(await one.lead('k:down', 'seat', 2000)).toBeUndefined();
      expect(Date.now() - started).toBeLessThan(timeoutMs);
    } finally {
      await redis.start();
    }
    // One line for the outage, in the fleet's words: the store was never asked.
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: 'fleet unavailable; each instance asks the upstream and polls alone',
        fleet: 'redis',
        operation: 'lease',
      }),
    ]);
  });
});
