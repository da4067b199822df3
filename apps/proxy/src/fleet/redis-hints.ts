// Hint relay on Redis: one sealed channel every instance listens on, carrying a notified file id
// and nothing else of the notification (the id is no secret from Redis: the store's keys hold it).
// The channel's name is a hash tag of its own, so on a Cluster it lives in one shard's pub/sub.
import { Buffer } from 'node:buffer';
import type { Fleet } from './fleet.ts';
import { listening } from './redis-channels.ts';
import type { RedisFleetParts } from './redis-claims.ts';
import { frame, senderOf, unframe } from './redis-seal.ts';

/** The one channel of the fleet's hints. */
export const HINTS = 'mdss-proxy:v3:{fleet-hints}';

/** The hints' side of the fleet; `instance`: this instance's id, the sender of its hints. */
export function redisHints(
  parts: RedisFleetParts,
  instance: string,
): Pick<Fleet, 'hint' | 'hearHints'> {
  const { codec, now, redis } = parts;
  return {
    hint(id) {
      const message = frame(codec, HINTS, { id: instance, at: now() }, [Buffer.from(id)]);
      void redis.guarded('hint', (client) => client.spublish(HINTS, message));
    },
    hearHints(hear) {
      return listening(parts.channels, HINTS, (message) => {
        // One's own hint was applied where it was received; another's only if sealed and recent.
        if (senderOf(message) === instance) return;
        const opened = unframe(codec, HINTS, message, now());
        if (opened) hear(opened.payload.toString());
      });
    },
  };
}
