// The proxy on Deno: `pnpm --filter @mdss-kit/proxy start:deno`. Deno's node:http server answers
// with the Hono app (Deno.serve cannot close a slow or idle connection: see README);
// CACHE_STORE=cache-api keeps results in Deno's Web Cache API.
import { boot } from './boot.ts';
import { serveOnNodeHttp } from './node-http-server.ts';

// The little of Deno's global this entry uses (Deno's types are not a dependency).
declare const Deno: {
  env: { toObject(): Record<string, string> };
  stdout: { writeSync(bytes: Uint8Array): number };
  exit(code: number): never;
  addSignalListener(signal: 'SIGINT' | 'SIGTERM', handler: () => void): void;
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
  serve: serveOnNodeHttp({ overrideGlobalObjects: false }),
});
