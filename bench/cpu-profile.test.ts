// The profile summary on a profile small enough to count by hand: which module each frame is
// put in, how self time adds up by module, area and function, and which samples a window keeps.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  areaOf,
  type CpuProfile,
  moduleOf,
  summariseProfile,
  summariseProfileDir,
} from './cpu-profile.ts';

const root = 'file:///work/checkout';
const frame = (id: number, functionName: string, url: string) => ({
  id,
  callFrame: { functionName, url },
});

/** Ten samples 1 ms apart from t = 1,000,000 µs: the node each landed in, in order. */
function profile(samples: number[]): CpuProfile {
  return {
    nodes: [
      frame(1, '(root)', ''),
      frame(2, 'handle', `${root}/apps/proxy/src/http/app.ts`),
      frame(3, 'derive', `${root}/apps/proxy/src/cache/key.ts`),
      frame(4, 'route', `${root}/node_modules/.pnpm/hono@4.13.19/node_modules/hono/dist/hono.js`),
      frame(5, 'startSpan', `${root}/node_modules/.pnpm/x/node_modules/@opentelemetry/api/x.js`),
      frame(6, 'write', 'node:_http_outgoing'),
      frame(7, '(garbage collector)', ''),
      frame(8, '(idle)', ''),
      frame(9, 'handle', `${root}/apps/proxy/src/http/other.ts`),
      frame(10, 'listen', `${root}/apps/proxy/src/server.ts`),
      frame(11, 'parse', `${root}/packages/contract/src/index.ts`),
    ],
    startTime: 1_000_000,
    endTime: 1_000_000 + samples.length * 1000,
    samples,
    timeDeltas: samples.map(() => 1000),
  };
}

describe('moduleOf and areaOf', () => {
  it.each([
    ['', '(garbage collector)', '(garbage collector)', '(garbage collector)'],
    ['', '(program)', '(program)', '(program)'],
    ['', 'writeUtf8String', '(native)', '(native)'],
    [
      'node:internal/streams/writable',
      'write',
      'node:internal/streams/writable',
      'node: internals',
    ],
    [
      `${root}/apps/proxy/src/http/app.ts`,
      'f',
      'apps/proxy/src/http/app.ts',
      'apps/proxy/src/http',
    ],
    [
      `${root}/apps/proxy/src/config.ts?x=1`,
      'f',
      'apps/proxy/src/config.ts',
      'apps/proxy/src/(top level)',
    ],
    [`${root}/packages/contract/src/a.ts`, 'f', 'packages/contract', 'packages/contract'],
    [
      `${root}/node_modules/.pnpm/lru-cache@11/node_modules/lru-cache/dist/x.js`,
      'f',
      'lru-cache',
      'lru-cache',
    ],
    [
      `${root}/node_modules/.pnpm/a/node_modules/@opentelemetry/core/b.js`,
      'f',
      '@opentelemetry/core',
      '@opentelemetry/*',
    ],
  ])('%s %s is in %s, area %s', (url, fn, module, area) => {
    expect(moduleOf(url, fn)).toBe(module);
    expect(areaOf(module)).toBe(area);
  });
});

describe('summariseProfile', () => {
  // 2 × app.ts, 1 × other.ts, 1 × key.ts, 1 × top-level file, 1 × hono, 1 × otel, 1 × GC, 2 × idle.
  const whole = profile([2, 2, 9, 3, 10, 4, 5, 7, 8, 8]);

  it('sums self time by module, as a share of the samples that were not idle', () => {
    const summary = summariseProfile(whole);
    expect(summary.samples).toBe(10);
    expect(summary.idle).toBe(2);
    expect(summary.byModule[0]).toEqual({
      name: 'apps/proxy/src/http/app.ts',
      samples: 2,
      share: 0.25,
    });
    expect(summary.byModule.map((m) => m.name).slice(1)).toEqual([
      '(garbage collector)',
      '@opentelemetry/api',
      'apps/proxy/src/cache/key.ts',
      'apps/proxy/src/http/other.ts',
      'apps/proxy/src/server.ts',
      'hono',
    ]);
    expect(summary.byModule.reduce((sum, m) => sum + m.samples, 0)).toBe(8);
  });

  it('sums the proxy files of a folder into its area, and a scope into one', () => {
    const areas = Object.fromEntries(
      summariseProfile(whole).byArea.map((a) => [a.name, a.samples]),
    );
    expect(areas).toEqual({
      'apps/proxy/src/http': 3,
      'apps/proxy/src/cache': 1,
      'apps/proxy/src/(top level)': 1,
      hono: 1,
      '@opentelemetry/*': 1,
      '(garbage collector)': 1,
    });
  });

  it('names functions with their module, the same name in two files apart', () => {
    const functions = summariseProfile(whole).byFunction.map((f) => [f.name, f.samples]);
    expect(functions).toContainEqual(['handle (apps/proxy/src/http/app.ts)', 2]);
    expect(functions).toContainEqual(['handle (apps/proxy/src/http/other.ts)', 1]);
    expect(functions).toContainEqual(['(garbage collector)', 1]);
  });

  it('counts only the samples taken within the window', () => {
    // Samples fall at 1,001,000 … 1,010,000 µs; this window holds the 3rd to the 5th.
    const summary = summariseProfile(whole, { fromUs: 1_003_000, toUs: 1_005_000 });
    expect(summary.samples).toBe(3);
    expect(summary.byModule.map((m) => m.name).sort()).toEqual([
      'apps/proxy/src/cache/key.ts',
      'apps/proxy/src/http/other.ts',
      'apps/proxy/src/server.ts',
    ]);
  });

  it('falls back to hit counts when the profile has no sample list', () => {
    const counted: CpuProfile = {
      nodes: [
        { ...frame(1, 'parse', `${root}/packages/contract/src/a.ts`), hitCount: 3 },
        { ...frame(2, '(idle)', ''), hitCount: 1 },
      ],
      startTime: 0,
      endTime: 4000,
    };
    const summary = summariseProfile(counted);
    expect([summary.samples, summary.idle]).toEqual([4, 1]);
    expect(summary.byModule).toEqual([{ name: 'packages/contract', samples: 3, share: 1 }]);
  });
});

it('summarises the busiest of the profiles in a folder, one per thread', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mdss-bench-cpu-profile-'));
  await writeFile(join(dir, 'CPU.1.0.001.cpuprofile'), JSON.stringify(profile([2, 2, 3, 8])));
  await writeFile(join(dir, 'CPU.1.1.002.cpuprofile'), JSON.stringify(profile([8, 8, 8, 8, 4])));
  await writeFile(join(dir, 'notes.txt'), 'not a profile');
  const summary = await summariseProfileDir(dir);
  expect([summary.samples, summary.idle]).toEqual([4, 1]);
  expect(summary.byModule[0]?.name).toBe('apps/proxy/src/http/app.ts');
});
