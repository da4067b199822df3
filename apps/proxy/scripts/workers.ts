// Runs wrangler for the Worker: `workers.ts dev` (start:workers) serves it on local workerd,
// reading PORT, HOST, MDSS_URL and the cache settings from the environment as `pnpm start` does;
// `workers.ts deploy …` (deploy:workers) passes its arguments on, `--dry-run` included, whether
// or not pnpm put a `--` before them.
import { spawn } from 'node:child_process';

const settings = [
  'MDSS_URL',
  'CACHE_TTL_SECONDS',
  'CACHE_STALE_IF_ERROR_SECONDS',
  'CACHE_KEY_SECRET',
  'CACHE_IGNORE_UPSTREAM_DIRECTIVES',
  'UPSTREAM_TIMEOUT_MS',
  'UPSTREAM_MAX_BYTES',
];
const [command, ...rest] = process.argv.slice(2).filter((arg) => arg !== '--');
const args =
  command === 'dev'
    ? [
        'dev',
        ...['--ip', process.env.HOST || '127.0.0.1', '--port', process.env.PORT || '8787'],
        ...settings.flatMap((name) =>
          process.env[name] ? ['--var', `${name}:${process.env[name]}`] : [],
        ),
        ...rest,
      ]
    : ['deploy', '--outdir', 'dist/workers', ...rest];
const child = spawn('wrangler', args, {
  stdio: 'inherit',
  env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
});
child.on('exit', (code) => process.exit(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
