// The proxy on Bun: `pnpm --filter @mdss-kit/proxy start:bun`. Bun.serve answers fresh hits
// first, then the Hono app; Bun's fetch reaches the upstream; node:crypto (which Bun has)
// derives the keys.
import { boot } from './boot.ts';
import { createNodeKeyDeriver } from './hmac-node.ts';
import { processHost } from './process-host.ts';

// The little of Bun's global this entry uses (bun-types is not a dependency for a few lines).
interface BunServer {
  hostname: string;
  port: number;
  stop(closeActive?: boolean): void;
  /** This request's idle timeout in seconds; 0: none. */
  timeout(request: Request, seconds: number): void;
}
declare const Bun: {
  serve(options: {
    hostname: string;
    port: number;
    /** Seconds, at most 255; Bun counts it while an answer is awaited too. */
    idleTimeout?: number;
    fetch: (request: Request, server: BunServer) => Response | Promise<Response>;
  }): BunServer;
};

// JavaScriptCore's own count of its heap (`bun:jsc`; named by a string, for want of Bun's types).
const jsc = (await import('bun:jsc' as string)) as {
  heapStats(): { heapSize: number; heapCapacity: number };
};

await boot({
  name: 'bun',
  ...processHost,
  jsHeap() {
    const { heapSize, heapCapacity } = jsc.heapStats();
    return { usedBytes: heapSize, totalBytes: heapCapacity };
  },
  createKeyDeriver: createNodeKeyDeriver,
  async serve({ fetch, config }) {
    const idleSeconds = Math.ceil(config.idleTimeoutMs / 1000);
    const server = Bun.serve({
      hostname: config.host,
      port: config.port,
      idleTimeout: idleSeconds,
      async fetch(request, server) {
        // Bun counts the idle timeout while an answer is awaited too: a slow upstream or a
        // long-poll is no idle connection. Back on once the answer is ready, or for an event
        // stream (quiet for longer than that between heartbeats) once it has ended.
        server.timeout(request, 0);
        const response = await fetch(request);
        const restore = () => server.timeout(request, idleSeconds);
        if (
          !response.body ||
          !response.headers.get('content-type')?.startsWith('text/event-stream')
        ) {
          restore();
          return response;
        }
        const body = response.body.pipeThrough(new TransformStream({ flush: restore }));
        return new Response(body, response);
      },
    });
    return { url: `http://${server.hostname}:${server.port}`, close: () => server.stop(true) };
  },
});
