// Event-stream clients for the bench: a subscriber that reads a file's events to the end (the
// push storm), and many idle streams held open on raw sockets (what open streams cost the proxy).
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { eventsOf } from '@mdss-kit/contract/events';

export interface Subscription {
  status: number;
  /** Date.now() when the final event (`done` or `problem`) arrived; null if none did. */
  finalAt: number | null;
  final: string | null;
  events: number;
}

/**
 * One streaming GET of `path`, read to its end with the contract's parser; `onEvent` is told of
 * each event as it comes, and `signal` gives up (the fetch or the read then throws).
 */
export async function subscribe(
  url: string,
  path: string,
  token: string,
  options: { onEvent?: () => void; signal?: AbortSignal } = {},
): Promise<Subscription> {
  const response = await fetch(url + path, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const out: Subscription = { status: response.status, finalAt: null, final: null, events: 0 };
  if (!response.body) return out;
  for await (const { event } of eventsOf(response.body)) {
    out.events++;
    if ((event === 'done' || event === 'problem') && out.finalAt === null) {
      out.finalAt = Date.now();
      out.final = event;
    }
    options.onEvent?.();
  }
  return out;
}

/**
 * Opens `count` event streams, `concurrency` at a time, each on its own socket (Connection:
 * close, 127.0.0.1 only), and keeps those answered 200 open, reading and dropping what comes
 * (heartbeats). Gives up on a socket after `timeoutMs`, and on the rest after `deadlineMs`.
 */
export async function openIdleStreams(
  url: string,
  count: number,
  target: (i: number) => { path: string; token: string },
  options: { concurrency: number; timeoutMs: number; deadlineMs: number },
) {
  const { hostname, port } = new URL(url);
  if (hostname !== '127.0.0.1')
    throw new Error(`idle streams go to 127.0.0.1 only, not ${hostname}`);
  const open: Socket[] = [];
  const refused: Record<string, number> = {};
  const deadline = performance.now() + options.deadlineMs;
  let next = 0;
  const openOne = async (i: number) => {
    const { path, token } = target(i);
    const socket = connect(Number(port), hostname);
    socket.on('error', () => {});
    const timer = setTimeout(() => socket.destroy(new Error('timeout')), options.timeoutMs);
    try {
      await once(socket, 'connect');
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${token}\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n`,
      );
      const [first] = (await once(socket, 'data')) as [Buffer];
      const status = /^HTTP\/1\.1 (\d{3})/.exec(first.toString('latin1'))?.[1] ?? 'garbled';
      if (status !== '200') {
        refused[status] = (refused[status] ?? 0) + 1;
        socket.destroy();
        return;
      }
      socket.resume();
      open.push(socket);
    } catch {
      refused['no answer'] = (refused['no answer'] ?? 0) + 1;
      socket.destroy();
    } finally {
      clearTimeout(timer);
    }
  };
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < count && performance.now() < deadline) await openOne(next++);
    }),
  );
  return {
    open,
    refused,
    openedInMs: performance.now() - t0,
    /** Streams still open (the proxy has ended none of them, nor has a socket failed). */
    stillOpen: () => open.filter((socket) => !socket.destroyed).length,
    close() {
      for (const socket of open) socket.destroy();
    },
  };
}
