// The bench reaches the proxy's code and the servers it shares with the proxy's tests through
// package names (@mdss-kit/proxy's subpath exports, @mdss-kit/test-support), never by a relative
// path out of bench/ into another package's files.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const benchDir = fileURLToPath(new URL('.', import.meta.url));

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === 'results') return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modules(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative specifier a module imports or re-exports: static, dynamic or for effect. */
function relativeSpecifiers(source: string): string[] {
  const found = source.matchAll(/\b(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]*)['"]/g);
  return [...found].map((match) => match[1] ?? '');
}

/** Specifiers in `file` that resolve to a path outside bench/. */
function leavingBench(file: string, source: string): string[] {
  return relativeSpecifiers(source).filter((specifier) =>
    relative(benchDir, resolve(dirname(file), specifier)).startsWith('..'),
  );
}

it('finds an import out of bench/ in every form a module can write one', () => {
  const file = join(benchDir, 'sections', 'example.ts');
  const source = [
    "import { createKeyDeriver } from '../../apps/proxy/src/cache-key.ts';",
    "export { startRedis } from '../../apps/proxy/test/redis-server.ts';",
    "const m = await import('../../packages/mock/src/index.ts');",
    "import '../../apps/proxy/src/runtimes/node.ts';",
    "import { wrk } from '../load.ts';",
  ].join('\n');
  expect(leavingBench(file, source)).toEqual([
    '../../apps/proxy/src/cache-key.ts',
    '../../apps/proxy/test/redis-server.ts',
    '../../packages/mock/src/index.ts',
    '../../apps/proxy/src/runtimes/node.ts',
  ]);
});

it("imports no other package's files by a relative path", () => {
  // This file's examples above are the very imports it looks for.
  const checked = modules(benchDir).filter((file) => file !== fileURLToPath(import.meta.url));
  const outside = checked.flatMap((file) =>
    leavingBench(file, readFileSync(file, 'utf8')).map(
      (specifier) => `${relative(benchDir, file)}: ${specifier}`,
    ),
  );
  expect(outside).toEqual([]);
});
