// The design the tree must show (proxy README, Layout): concerns in folders, few files at the top,
// no import cycle (type imports included), functions a reader can hold, and one place that builds
// a request's cache key besides the direct-hit path.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, readSourceShape, type SourceFunction } from './source-shape.ts';

const root = join(import.meta.dirname, '../src');
const shape = readSourceShape(root);
const files = [...shape.imports.keys()];

const MAX_LINES = 60;
const MAX_PARAMS = 4;

const over = (f: SourceFunction) => f.lines > MAX_LINES || f.params > MAX_PARAMS;

describe('the proxy source', () => {
  it('has no import cycle, type imports included', () => {
    expect(importCycles(shape.imports)).toEqual([]);
  });

  it('keeps at most 8 files at the top of src/; the rest sit in their concern', () => {
    const top = files.filter((file) => !file.includes('/'));
    expect(top.length).toBeLessThanOrEqual(8);
    const folders = new Set(files.filter((file) => file.includes('/')).map((f) => f.split('/')[0]));
    expect([...folders].sort()).toEqual(
      ['cache', 'fleet', 'http', 'observe', 'push', 'runtimes', 'stores', 'upstream'].sort(),
    );
  });

  it('has no function over 60 lines or over 4 parameters', () => {
    // The reader counts nested functions too: a factory's closures count in its own lines.
    expect(shape.functions.length).toBeGreaterThan(300);
    const found = shape.functions.filter(over);
    expect(
      found.map((f) => `${f.file}:${f.line} ${f.name} (${f.lines} lines, ${f.params} params)`),
    ).toEqual([]);
  });

  it('builds a cache key in at most two places: the front door and the direct path', () => {
    const callers = files.filter((file) =>
      /\bcacheKey\(/.test(readFileSync(join(root, file), 'utf8').replace(/^.*export.*$/gm, '')),
    );
    expect(callers.sort()).toEqual(['http/direct-path.ts', 'http/file-request.ts']);
  });

  it('lists one row per folder in the README layout table', () => {
    const readme = readFileSync(join(import.meta.dirname, '../README.md'), 'utf8');
    const layout = readme.slice(readme.indexOf('## Layout'));
    const rows = (layout.split('\n## ')[0] ?? '').match(/^\| `src\/[^`]*`/gm) ?? [];
    const folders = new Set(files.map((f) => (f.includes('/') ? `${f.split('/')[0]}/` : f)));
    expect(rows.map((row) => row.slice(7, -1)).sort()).toEqual([...folders].sort());
  });
});
