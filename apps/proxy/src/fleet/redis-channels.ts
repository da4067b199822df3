// The Redis fleet's channels: sharded pub/sub (SSUBSCRIBE, Redis 7), each channel subscribed once
// for all of this instance's listeners, and a listening that tries a failed subscription again.
import type { Buffer } from 'node:buffer';
import { type RedisClient, type RedisConnection, whenReady } from '../stores/redis-connection.ts';
import type { Listening } from './fleet.ts';

type Hear = (message: Buffer) => void;

export type Channels = ReturnType<typeof createChannels>;

/** `timeoutMs`: how long a subscription waits for a connection that is not ready yet. */
export function createChannels(connection: RedisConnection, timeoutMs: number) {
  const listeners = new Map<string, { hear: Set<Hear>; ok: Promise<boolean> }>();
  let subscriber: RedisClient | undefined;
  const start = () => {
    if (subscriber) return subscriber;
    subscriber = connection.subscriber();
    subscriber.on('smessageBuffer', (channel: Buffer, message: Buffer) => {
      for (const hear of listeners.get(channel.toString())?.hear ?? []) hear(message);
    });
    return subscriber;
  };
  const subscribe = (client: RedisClient, channel: string) => {
    const ok = (async () =>
      (await whenReady(client, timeoutMs)) &&
      (await client.ssubscribe(channel).then(
        () => true,
        () => false,
      )))();
    const known = { hear: new Set<Hear>(), ok };
    listeners.set(channel, known);
    return known;
  };
  return {
    /** Listens on `channel`; resolves to the way to stop, or undefined if Redis cannot be heard. */
    async listen(channel: string, hear: Hear) {
      const client = start();
      const entry = listeners.get(channel) ?? subscribe(client, channel);
      entry.hear.add(hear);
      const stop = () => {
        entry.hear.delete(hear);
        if (entry.hear.size > 0 || listeners.get(channel) !== entry) return;
        listeners.delete(channel);
        void client.sunsubscribe(channel).catch(() => {});
      };
      if (await entry.ok) return stop;
      stop();
      // A failed subscription is not kept: the next listener tries again.
      if (listeners.get(channel) === entry) listeners.delete(channel);
      return undefined;
    },
  };
}

/**
 * Listens on `channel` until closed; a subscription that failed (Redis away, a Cluster shard not
 * yet connected) is tried again whenever `on` is read.
 */
export function listening(channels: Channels, channel: string, hear: Hear): Listening {
  let closed = false;
  let pending = false;
  let stop: (() => void) | undefined;
  const subscribe = () => {
    pending = true;
    void channels.listen(channel, hear).then((off) => {
      pending = false;
      stop = off;
      if (closed) off?.();
    });
  };
  subscribe();
  return {
    get on() {
      if (!stop && !pending && !closed) subscribe();
      return stop !== undefined;
    },
    close() {
      closed = true;
      stop?.();
    },
  };
}
