// Watch leadership and event relay on Redis: a claim (`…:watch`) names the seat (one watch) that
// polls a watched file and until when it will next renew; its events go out on `…:events`. A
// claim not sealed by the fleet, or overdue (its holder died, hangs, or lost Redis), is taken over
// by the first seat to look; a message not sealed, or not sent just now, is not heard.
import { Buffer } from 'node:buffer';
import { redisKey } from '../stores/redis-value.ts';
import type { Fleet, WatchNews } from './fleet.ts';
import { listening } from './redis-channels.ts';
import { claim, EXPIRY_SLACK_MS, type RedisFleetParts, release } from './redis-claims.ts';
import { claimValue, frame, readClaim, senderOf, unframe } from './redis-seal.ts';

const watchKeyOf = (key: string) => `${redisKey(key)}:watch`;
const eventsOf = (key: string) => `${redisKey(key)}:events`;

/** The watches' side of the fleet; `instance`: this instance's id, the sender of its news. */
export function redisWatches(
  parts: RedisFleetParts,
  instance: string,
): Pick<Fleet, 'lead' | 'resign' | 'broadcast' | 'listen'> {
  const { codec, now, redis } = parts;
  return {
    async lead(key, seat, dueInMs) {
      const watchKey = watchKeyOf(key);
      const value = claimValue(codec, watchKey, seat, now() + dueInMs);
      const renewing = `${seat} `;
      const reply = await claim(redis, 'watch', watchKey, { value, ms: dueInMs, renewing });
      if (reply === undefined) return undefined;
      if (reply === 1) return true;
      const held = readClaim(codec, watchKey, reply);
      // Another seat polls, and said when it would next renew: it has not gone silent yet.
      if (held && now() <= held.until + EXPIRY_SLACK_MS) return false;
      // Not sealed by the fleet (forged), or overdue: this seat polls from now on.
      const replacing = { value, ms: dueInMs, replacing: reply, renewing };
      const taken = await claim(redis, 'watch', watchKey, replacing);
      return taken === undefined ? undefined : taken === 1;
    },
    async resign(key, seat) {
      await release(redis, watchKeyOf(key), seat);
    },
    broadcast(key, news) {
      const channel = eventsOf(key);
      const payload = [Buffer.from(JSON.stringify(news))];
      const message = frame(codec, channel, { id: instance, at: now() }, payload);
      void redis.guarded('watch', (client) => client.spublish(channel, message));
    },
    listen(key, hear) {
      const channel = eventsOf(key);
      return listening(parts.channels, channel, (message) => {
        // One's own news is skipped unopened; another's only if sealed, and sent just now.
        if (senderOf(message) === instance) return;
        const opened = unframe(codec, channel, message, now());
        if (opened) hear(JSON.parse(opened.payload.toString()) as WatchNews);
      });
    },
  };
}
