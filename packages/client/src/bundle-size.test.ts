import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The budget users were promised in the README: minified and gzipped, openapi-fetch included,
// for what a page loads with the client. The event stream's reader and its parser are a chunk
// of their own, loaded on the first stream (a page that only polls never downloads them). 9 kB,
// not the 6.5 kB issue 16 asked for: what remains up front beyond 6.5 kB is reading every error
// shape MDSS answers (issue 14), `summarize` for watchFile's polled summaries, and the transport
// choice (the client README says so).
const BUDGET_BYTES = 9 * 1024;

const gzipped = (code: Uint8Array) => gzipSync(code, { level: 9 }).byteLength;

describe('bundle size', () => {
  it(`stays under ${BUDGET_BYTES} bytes min + gzip, openapi-fetch included; the stream loads on demand`, async () => {
    const result = await build({
      entryPoints: { index: new URL('./index.ts', import.meta.url).pathname },
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
    const entryPath = Object.keys(outputs).find((path) => outputs[path]?.entryPoint) ?? '';
    // Up front: the entry and every chunk it imports statically, transitively.
    const upFront = new Set<string>();
    const load = (path: string) => {
      if (upFront.has(path)) return;
      upFront.add(path);
      for (const imported of outputs[path]?.imports ?? []) {
        if (imported.kind === 'import-statement') load(imported.path);
      }
    };
    load(entryPath);
    const later = Object.keys(outputs).filter((path) => !upFront.has(path));
    const inputsOf = (paths: string[]) =>
      paths.flatMap((path) => Object.keys(outputs[path]?.inputs ?? {}));
    const size = (paths: string[]) => gzipped(Buffer.concat(paths.map((path) => code(path))));
    console.log(
      `client: ${size([...upFront])} B gzipped up front, ${size(later)} B on the first stream`,
    );
    expect(inputsOf([...upFront]).some((input) => input.includes('openapi-fetch'))).toBe(true);
    // The parser comes with the first stream, not with the client.
    expect(inputsOf([...upFront]).some((input) => input.includes('eventsource-parser'))).toBe(
      false,
    );
    expect(inputsOf(later).some((input) => input.includes('eventsource-parser'))).toBe(true);
    // The Ajv validators are for tests; they must never reach a user's bundle.
    const all = inputsOf(Object.keys(outputs));
    expect(all.some((input) => input.includes('ajv') || input.includes('validate.ts'))).toBe(false);
    expect(size([...upFront])).toBeLessThan(BUDGET_BYTES);
  });
});
