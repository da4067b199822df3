// Load from a second process: wrk, pinned to the load core, bounded in time, with a Lua `done`
// hook that reports the figures as JSON instead of wrk's text table.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LOAD_CORE } from './servers.ts';

const run = promisify(execFile);

export interface LoadResult {
  requests: number;
  rps: number;
  p50ms: number;
  p99ms: number;
  maxMs: number;
  errors: number;
  non2xx: number;
}

const report = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('\\nRESULT {"requests":%d,"durationUs":%d,"errors":%d,"non2xx":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), latency.max))
end
`;

/** Every request a new id: all misses. */
const uniquePaths = (prefix: string) => `
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/api/file/${prefix}-" .. counter)
end
`;

/** The same requests, each with its own credential, in turn. */
const rotation = (requests: { path: string; token: string }[]) => `
requests = {}
init = function(args)
${requests.map((r, i) => `  requests[${i + 1}] = wrk.format("GET", "${r.path}", { ["Authorization"] = "Bearer ${r.token}" })`).join('\n')}
end
turn = 0
request = function()
  turn = turn % #requests + 1
  return requests[turn]
end
`;

export async function wrk(
  url: string,
  options: {
    connections: number;
    seconds: number;
    token?: string;
    uniquePrefix?: string;
    /** Paths and credentials taken in turn (instead of `token` and one path or `uniquePrefix`). */
    rotate?: { path: string; token: string }[];
  },
): Promise<LoadResult> {
  const dir = await mkdtemp(join(tmpdir(), 'mdss-bench-wrk-'));
  const script = join(dir, 'script.lua');
  const requests = options.rotate
    ? rotation(options.rotate)
    : options.uniquePrefix
      ? uniquePaths(options.uniquePrefix)
      : '';
  await writeFile(script, requests + report);
  const args = [
    '-c',
    LOAD_CORE,
    'wrk',
    '-t1',
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    '--timeout',
    '10s',
    '-s',
    script,
  ];
  if (options.token) args.push('-H', `Authorization: Bearer ${options.token}`);
  args.push(url);
  const { stdout } = await run('taskset', args, { maxBuffer: 1 << 20 });
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`wrk printed no result:\n${stdout}`);
  const r = JSON.parse(line.slice(7)) as {
    requests: number;
    durationUs: number;
    errors: number;
    non2xx: number;
    p50Us: number;
    p99Us: number;
    maxUs: number;
  };
  return {
    requests: r.requests,
    rps: r.requests / (r.durationUs / 1e6),
    p50ms: r.p50Us / 1000,
    p99ms: r.p99Us / 1000,
    maxMs: r.maxUs / 1000,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}
