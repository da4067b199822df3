import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The budget users were promised in the README: minified and gzipped, openapi-fetch included,
// for what a page loads with the client. The event stream's reader and its parser are a chunk
// of their own, loaded on the first stream (a page that only polls never downloads them). 9 kB,
// not the 6.5 kB issue 16 asked for: what remains up front beyond 6.5 kB is reading every error
// shape MDSS answers (issue 14), `summarize` for watchFile's polled summaries, and the transport
// choice (the client README says so). watchFiles and waitForFiles add 270 B up front: their
// entry points and what the client shares with their chunk.
const BUDGET_BYTES = 9 * 1024;
// What `@mdss-kit/client/query` adds to a page that loads the client (issue 19).
const QUERY_BUDGET_BYTES = 700;

const gzipped = (code: Uint8Array) => gzipSync(code, { level: 9 }).byteLength;

/** The entries bundled as a page's bundler would (minified, split), and what each loads. */
async function bundle(entries: Record<string, string>) {
  const result = await build({
    entryPoints: Object.fromEntries(
      Object.entries(entries).map(([name, file]) => [
        name,
        new URL(file, import.meta.url).pathname,
      ]),
    ),
    bundle: true,
    minify: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    outdir: 'out',
    write: false,
    metafile: true,
  });
  const outputs = result.metafile.outputs;
  const code = (path: string) =>
    result.outputFiles.find((file) => file.path.endsWith(path))?.contents ?? new Uint8Array();
  /** The entry and every chunk it imports statically, transitively: what loads up front. */
  const upFront = (name: string) => {
    const loaded = new Set<string>();
    const load = (path: string) => {
      if (loaded.has(path)) return;
      loaded.add(path);
      for (const imported of outputs[path]?.imports ?? []) {
        if (imported.kind === 'import-statement') load(imported.path);
      }
    };
    load(Object.keys(outputs).find((path) => path.endsWith(`out/${name}.js`)) ?? '');
    return loaded;
  };
  return {
    outputs: Object.keys(outputs),
    upFront,
    inputsOf: (paths: Iterable<string>) =>
      [...paths].flatMap((path) => Object.keys(outputs[path]?.inputs ?? {})),
    size: (paths: Iterable<string>) => gzipped(Buffer.concat([...paths].map((path) => code(path)))),
  };
}

describe('bundle size', () => {
  it(`stays under ${BUDGET_BYTES} bytes min + gzip, openapi-fetch included; the stream loads on demand`, async () => {
    const { outputs, upFront, inputsOf, size } = await bundle({ index: './index.ts' });
    const client = upFront('index');
    const later = outputs.filter((path) => !client.has(path));
    console.log(`client: ${size(client)} B gzipped up front, ${size(later)} B on the first stream`);
    expect(inputsOf(client).some((input) => input.includes('openapi-fetch'))).toBe(true);
    // The parser comes with the first stream, not with the client.
    expect(inputsOf(client).some((input) => input.includes('eventsource-parser'))).toBe(false);
    expect(inputsOf(later).some((input) => input.includes('eventsource-parser'))).toBe(true);
    // Many files' code (issue 27) comes with the first many-file wait.
    const manyFiles = /follow-files|stream-files|poll-files|poll-each|listed-files/;
    expect(inputsOf(client).some((input) => manyFiles.test(input))).toBe(false);
    expect(inputsOf(later).some((input) => input.includes('follow-files'))).toBe(true);
    // The Ajv validators are for tests; they must never reach a user's bundle.
    const all = inputsOf(outputs);
    expect(all.some((input) => input.includes('ajv') || input.includes('validate.ts'))).toBe(false);
    expect(size(client)).toBeLessThan(BUDGET_BYTES);
  });

  it(`adds under ${QUERY_BUDGET_BYTES} bytes min + gzip for @mdss-kit/client/query beside the client`, async () => {
    const { upFront, inputsOf, size } = await bundle({
      index: './index.ts',
      query: './file-query-options.ts',
    });
    const client = upFront('index');
    const added = [...upFront('query')].filter((path) => !client.has(path));
    console.log(`client/query: ${size(added)} B gzipped beside the client`);
    expect(inputsOf(added)).toEqual(
      expect.arrayContaining([expect.stringContaining('file-query-options.ts')]),
    );
    // The backoff and isTerminal are the client's own, loaded with it, not copied; Query itself
    // is the page's (only its types are imported).
    expect(inputsOf(added).some((input) => /backoff|is-terminal|@tanstack/.test(input))).toBe(
      false,
    );
    expect(size(added)).toBeLessThan(QUERY_BUDGET_BYTES);
  });
});
