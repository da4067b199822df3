// `mdss-mock record --url <MDSS> --token-env <NAME> --ids <id…> [--out <dir>] [--keep-names]
// [--interval-ms <n>]`: the command line of record.ts, one `<id>.json` per file. The token is read
// from the named environment variable, so it never sits in the shell's history or a process list.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileIdProblem } from '@mdss-kit/contract';
import { type RecordOptions, recordFile } from './record.ts';

export const recordUsage =
  'usage: mdss-mock record --url <MDSS> --token-env <NAME> --ids <id…> [--out <dir>] [--keep-names] [--interval-ms <n>]';

/** Bad command-line input: the message says what to change. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface RecordCommand {
  url: string;
  token: string;
  tokenEnv: string;
  ids: string[];
  out: string;
  keepNames: boolean;
  intervalMs: number;
}

/** The arguments after `record`, checked; `env` supplies the token. */
export function parseRecordArgs(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): RecordCommand {
  const values = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const arg of args) {
    if (arg.startsWith('--')) {
      if (
        !['--url', '--token-env', '--ids', '--out', '--keep-names', '--interval-ms'].includes(arg)
      )
        throw new UsageError(`unknown option ${arg}\n${recordUsage}`);
      current = [];
      values.set(arg, current);
    } else if (current) {
      current.push(arg);
    } else {
      throw new UsageError(`unexpected '${arg}' before any option\n${recordUsage}`);
    }
  }
  const one = (name: string): string | undefined => {
    const given = values.get(name);
    if (given && given.length !== 1)
      throw new UsageError(`${name} takes one value (got ${given.length})\n${recordUsage}`);
    return given?.[0];
  };
  const url = one('--url');
  if (!url) throw new UsageError(`--url is required\n${recordUsage}`);
  if (!/^https?:\/\//.test(url) || !URL.canParse(url))
    throw new UsageError(`--url must be an http(s) URL (got '${url}')`);
  const tokenEnv = one('--token-env');
  if (!tokenEnv) throw new UsageError(`--token-env is required\n${recordUsage}`);
  const token = env[tokenEnv];
  if (!token) throw new UsageError(`the environment variable ${tokenEnv} is unset or empty`);
  const ids = values.get('--ids') ?? [];
  if (ids.length === 0) throw new UsageError(`--ids needs at least one id\n${recordUsage}`);
  for (const id of ids) {
    const problem = fileIdProblem(id);
    if (problem) throw new UsageError(`'${id}' is not a file id: ${problem}`);
  }
  if (values.has('--keep-names') && values.get('--keep-names')?.length !== 0)
    throw new UsageError('--keep-names takes no value');
  const interval = one('--interval-ms') ?? '1000';
  const intervalMs = Number(interval);
  if (!Number.isInteger(intervalMs) || intervalMs < 0)
    throw new UsageError(`--interval-ms must be a whole number ≥ 0 (got '${interval}')`);
  return {
    url,
    token,
    tokenEnv,
    ids,
    out: resolve(cwd, one('--out') ?? '.'),
    keepNames: values.has('--keep-names'),
    intervalMs,
  };
}

/**
 * Records each id in turn and writes `<out>/<id>.json`; one that fails (no connection, or no
 * result: a 404, a refused token) is reported, nothing is written for it, and the others are
 * still recorded. Resolves to the number of ids that failed.
 */
export async function runRecord(
  command: RecordCommand,
  log: (line: string) => void,
  options: Pick<RecordOptions, 'fetch'> = {},
): Promise<number> {
  await mkdir(command.out, { recursive: true });
  let failed = 0;
  for (const id of command.ids) {
    try {
      const recording = await recordFile({ ...command, ...options, id });
      const file = join(command.out, `${id}.json`);
      await writeFile(file, `${JSON.stringify(recording, null, 2)}\n`);
      log(`${id}: ${recording.answers.length} answers -> ${file}`);
      const last = recording.answers.at(-1);
      if (last && last.status !== 200)
        log(`  the file did not finish: the last answer was ${last.status}`);
      for (const finding of recording.findings) log(`  ${finding}`);
    } catch (error) {
      failed++;
      const cause = (error as Error).cause as Error | undefined;
      log(`${id}: not recorded: ${(error as Error).message}${cause ? ` (${cause.message})` : ''}`);
    }
  }
  return failed;
}
