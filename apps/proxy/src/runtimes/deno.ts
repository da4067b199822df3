// The proxy on Deno: `pnpm --filter @mdss-kit/proxy start:deno`. Deno.serve answers with the
// Hono app; CACHE_STORE=cache-api keeps results in Deno's Web Cache API.
import { boot } from './boot.ts';

// The little of Deno's global this entry uses (Deno's types are not a dependency).
declare const Deno: {
  env: { toObject(): Record<string, string> };
  stdout: { writeSync(bytes: Uint8Array): number };
  exit(code: number): never;
  addSignalListener(signal: 'SIGINT' | 'SIGTERM', handler: () => void): void;
  serve(
    options: {
      hostname: string;
      port: number;
      onListen?: (address: { hostname: string; port: number }) => void;
    },
    handler: (request: Request) => Response | Promise<Response>,
  ): { shutdown(): Promise<void>; finished: Promise<void> };
};

const encoder = new TextEncoder();

await boot({
  name: 'deno',
  env: Deno.env.toObject(),
  write(text) {
    const bytes = encoder.encode(text);
    for (let written = 0; written < bytes.length; )
      written += Deno.stdout.writeSync(bytes.subarray(written));
  },
  fail(message) {
    console.error(message);
    return Deno.exit(1);
  },
  onStop(stop) {
    const exit = () => stop().then(() => Deno.exit(0));
    Deno.addSignalListener('SIGINT', exit);
    Deno.addSignalListener('SIGTERM', exit);
  },
  caches: globalThis.caches,
  serve({ fetch, config }) {
    return new Promise((resolve) => {
      const server = Deno.serve(
        {
          hostname: config.host,
          port: config.port,
          onListen: ({ hostname, port }) =>
            resolve({ url: `http://${hostname}:${port}`, close: () => server.shutdown() }),
        },
        fetch,
      );
    });
  },
});
