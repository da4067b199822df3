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
  /** Responses by status code, when asked for (`countStatuses`). */
  statuses?: Record<string, number>;
}

const report = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('\\nRESULT {"requests":%d,"durationUs":%d,"errors":%d,"non2xx":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), latency.max))
  if threads then
    local all = {}
    for _, thread in ipairs(threads) do
      for status, n in pairs(thread:get("statuses")) do all[status] = (all[status] or 0) + n end
    end
    local parts = {}
    for status, n in pairs(all) do parts[#parts + 1] = string.format('"%d":%d', status, n) end
    io.write('STATUSES {' .. table.concat(parts, ',') .. '}\\n')
  end
end
`;

/**
 * Counts responses by status in each wrk thread and hands the counts to `done`. Only when asked:
 * a `response` hook makes wrk hand every response to Lua, which costs the load core time.
 */
const statusCount = `
threads = {}
setup = function(thread) table.insert(threads, thread) end
statuses = {}
response = function(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
`;

/**
 * Every request a new id: all misses; with `cycle`, the ids of `cycle` files taken in turn, each
 * asked again after all the others; with `tokens`, each request the next credential in turn.
 */
const uniquePaths = (prefix: string, tokens: string[] = [], cycle?: number) => `
counter = 0
tokens = { ${tokens.map((t) => `"Bearer ${t}"`).join(', ')} }
request = function()
  counter = counter + 1
  local path = "/api/file/${prefix}-" .. ${cycle ? `counter % ${cycle}` : 'counter'}
  if #tokens == 0 then return wrk.format("GET", path) end
  return wrk.format("GET", path, { ["Authorization"] = tokens[counter % #tokens + 1] })
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
    /** With `uniquePrefix`: the credentials its requests take in turn (instead of `token`). */
    tokens?: string[];
    /** With `uniquePrefix`: how many files its ids cycle through (default: a new id each time). */
    cycle?: number;
    /** Count the responses by status (`statuses` in the result). */
    countStatuses?: boolean;
    /** Paths and credentials taken in turn (instead of `token` and one path or `uniquePrefix`). */
    rotate?: { path: string; token: string }[];
  },
): Promise<LoadResult> {
  const dir = await mkdtemp(join(tmpdir(), 'mdss-bench-wrk-'));
  const script = join(dir, 'script.lua');
  const requests = options.rotate
    ? rotation(options.rotate)
    : options.uniquePrefix
      ? uniquePaths(options.uniquePrefix, options.tokens, options.cycle)
      : '';
  await writeFile(script, requests + (options.countStatuses ? statusCount : '') + report);
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
  const statuses = stdout.split('\n').find((l) => l.startsWith('STATUSES '));
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
    ...(statuses ? { statuses: JSON.parse(statuses.slice(9)) as Record<string, number> } : {}),
  };
}
