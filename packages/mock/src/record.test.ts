import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { mdssContract } from '@mdss-kit/contract/validate';
import { getResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMdssHandlers } from './handlers.ts';
import { presets } from './presets.ts';
import { RecordError, recordFile } from './record.ts';
import { parseRecordArgs, runRecord, UsageError } from './record-command.ts';
import { parseRecording } from './recording.ts';
import { scenario } from './scenarios.ts';
import { startMockServer } from './server.ts';

const TOKEN = 'tok-3c9a1f0e-secret';
let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'mdss-record-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('mdss-mock record, from the mock server itself', () => {
  const infected = presets.infected();
  const dlp = presets.dlp();
  const files = {
    // biome-ignore lint/suspicious/noThenProperty: the scenario's option
    p1: scenario.processing({ polls: 2, then: infected }),
    d1: dlp,
  };

  it('writes one file per id, with no token and no name in it, that replays byte for byte', async () => {
    const mock = await startMockServer({ port: 0, files, auth: { tokens: [TOKEN] } });
    const dir = join(out, 'from-mock');
    try {
      const bin = fileURLToPath(new URL('./bin.ts', import.meta.url));
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', bin, 'record', '--url', mock.url, '--token-env', 'MDSS_TEST_TOKEN'],
        { env: { ...process.env, MDSS_TEST_TOKEN: TOKEN } },
      ).catch((error) => ({ stdout: String(error.stderr) }));
      // Without --ids the command refuses, writing nothing.
      expect(stdout).toMatch(/--ids needs at least one id/);

      const run = await promisify(execFile)(
        process.execPath,
        [
          '--import',
          'tsx',
          bin,
          'record',
          '--url',
          mock.url,
          '--token-env',
          'MDSS_TEST_TOKEN',
          '--ids',
          'p1',
          'd1',
          '--out',
          dir,
          '--interval-ms',
          '5',
        ],
        { env: { ...process.env, MDSS_TEST_TOKEN: TOKEN } },
      );
      expect(run.stdout).toMatch(/p1: 3 answers/);
      expect(run.stdout).toMatch(/d1: 1 answers/);
      expect((await readdir(dir)).sort()).toEqual(['d1.json', 'p1.json']);

      for (const [id, final] of [
        ['p1', infected],
        ['d1', dlp],
      ] as const) {
        const text = await readFile(join(dir, `${id}.json`), 'utf8');
        // Read as a file: no credential, no name, no hash, no DLP match anywhere in it.
        expect(text).not.toContain(TOKEN);
        for (const secret of [final.name, final.hash, final.scanResult?.fileInfo?.sha256])
          expect(text).not.toContain(String(secret));
        expect(text).not.toContain('XXXX XXXX XXXX 1938');

        const recording = parseRecording(JSON.parse(text));
        expect(recording).toMatchObject({ id, redacted: true, findings: [] });
        for (const answer of recording.answers) {
          expect(
            mdssContract.responseErrors('/api/file/{id}', answer.status, JSON.parse(answer.body)),
          ).toEqual([]);
        }
        // Replayed in MSW, through the handlers: the recorded text, byte for byte.
        const handlers = createMdssHandlers({
          files: { [id]: scenario.replay(recording, { speed: 'per-poll' }) },
        });
        for (const answer of recording.answers) {
          const response = await getResponse(
            handlers,
            new Request(`https://mdss.test/api/file/${id}`, {
              headers: { authorization: 'Bearer t' },
            }),
          );
          expect(await response?.text()).toBe(answer.body);
        }
      }
      const [first, , last] = parseRecording(
        JSON.parse(await readFile(join(dir, 'p1.json'), 'utf8')),
      ).answers;
      expect(JSON.parse(first?.body ?? '').processingState).toBe(0);
      expect(JSON.parse(last?.body ?? '').processingState).toBe(3);
    } finally {
      await mock.close();
    }
  });

  it('keeps names with --keep-names: then each body is exactly what the server sent', async () => {
    const mock = await startMockServer({ port: 0, files });
    try {
      const recording = await recordFile({
        url: mock.url,
        token: TOKEN,
        id: 'p1',
        intervalMs: 0,
        keepNames: true,
      });
      mock.reset();
      for (const answer of recording.answers) {
        const sent = await fetch(`${mock.url}/api/file/p1`, {
          headers: { authorization: `Bearer ${TOKEN}` },
        });
        expect(answer.body).toBe(await sent.text());
      }
      expect(recording.answers.at(-1)?.body).toContain(JSON.stringify(infected.name));
      expect(recording.redacted).toBe(false);
    } finally {
      await mock.close();
    }
  });
});

/** A scripted MDSS on 127.0.0.1 that counts its requests and answers exact bytes. */
async function countingUpstream(
  script: readonly { status: number; headers: Record<string, string>; body: string }[],
) {
  const seen: { url: string; authorization: string | undefined }[] = [];
  const server: Server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
    if (req.url?.includes('cut')) return void res.destroy();
    const step = script[Math.min(seen.length - 1, script.length - 1)];
    if (!step) return void res.destroy();
    res.writeHead(step.status, step.headers);
    res.end(step.body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

const json = { 'content-type': 'application/json; charset=utf-8' };
const inProgress =
  '{"id":"u1","name":"Q3 payroll.xlsx","path":"hr/Q3 payroll.xlsx","hash":"9b2cf1e4d5a6b7c8d9e0f1a2b3c4d5e6-2","processingState":0,"progress":{"upload":100,"scan":10}}';
const done = `{
  "id": "u1", "name": "Q3 payroll.xlsx", "path": "hr/Q3 payroll.xlsx",
  "hash": "9b2cf1e4d5a6b7c8d9e0f1a2b3c4d5e6-2", "fileOwner": {"userId": "owner-77"},
  "processingState": 3, "progress": {"upload": 100, "scan": 100}, "quarantineId": "q-1",
  "scanResult": {"scanResults": {"scanAllResultI": 0, "scanDetails": [
    {"engineName": "Cloud engine", "scanResultI": 42, "threatFound": null, "scanTime": 10002.0}]},
    "processInfo": {"result": "Allowed"}}
}`;

describe('recordFile against a counting upstream', () => {
  it('keeps one answer per request, in order, with its delay, status, kept headers and exact text', async () => {
    const upstream = await countingUpstream([
      { status: 200, headers: { ...json, 'set-cookie': `session=${TOKEN}` }, body: inProgress },
      { status: 503, headers: { ...json, 'retry-after': '3' }, body: '{"err":"busy"}' },
      { status: 200, headers: { ...json, 'x-trace': 'abc' }, body: done },
    ]);
    const slept: number[] = [];
    let now = 0;
    try {
      const recording = await recordFile({
        url: `${upstream.url}/`,
        token: TOKEN,
        id: 'u1',
        intervalMs: 1000,
        now: () => now,
        sleep: async (ms) => {
          slept.push(ms);
          now += ms + 7;
        },
      });
      expect(upstream.seen).toHaveLength(3);
      expect(upstream.seen.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
      expect(upstream.seen[0]?.url).toBe('/api/file/u1');
      // Retry-After: 3 asked for longer than the interval.
      expect(slept).toEqual([1000, 3000]);
      expect(
        recording.answers.map(({ delayMs, status, headers }) => ({ delayMs, status, headers })),
      ).toEqual([
        { delayMs: 0, status: 200, headers: json },
        { delayMs: 1007, status: 503, headers: { ...json, 'retry-after': '3' } },
        { delayMs: 3007, status: 200, headers: json },
      ]);
      const text = JSON.stringify(recording);
      for (const secret of [TOKEN, 'payroll', 'hr/', '9b2cf1e4', 'owner-77']) {
        expect(text).not.toContain(secret);
      }
      // Byte for byte but for the redacted strings: the layout and 10002.0 are kept.
      expect(recording.answers[2]?.body).toBe(
        done
          .replaceAll('"Q3 payroll.xlsx"', '"redacted-name-1"')
          .replace('"hr/Q3 payroll.xlsx"', '"redacted-path-1"')
          .replace('"9b2cf1e4d5a6b7c8d9e0f1a2b3c4d5e6-2"', '"redacted-hash-1"')
          .replace('"owner-77"', '"redacted-owner-1"')
          // A field the contract does not name is redacted by default.
          .replace('"q-1"', '"redacted-quarantineId-1"'),
      );
      // An error's message is free text: redacted too.
      expect(recording.answers[1]?.body).toBe('{"err":"redacted-err-1"}');
      // What the contract does not name is reported, with the answer it came in.
      expect(recording.findings.toSorted()).toEqual([
        'answer 2 (200): /quarantineId: a property the contract does not name',
        'answer 2 (200): /scanResult/scanResults/scanDetails/0/scanResultI: 42, a code the contract does not name',
      ]);
    } finally {
      await upstream.close();
    }
  });

  it('reports an answer that breaks the contract', async () => {
    const upstream = await countingUpstream([
      { status: 200, headers: json, body: '{"id":"u2","processingState":"done","progress":{}}' },
      { status: 404, headers: json, body: '{"u2":"Not Found"}' },
    ]);
    try {
      const recording = await recordFile({
        url: upstream.url,
        token: TOKEN,
        id: 'u2',
        intervalMs: 0,
      });
      expect(recording.answers.map((a) => a.status)).toEqual([200, 404]);
      expect(recording.findings.join('\n')).toMatch(
        /answer 0 \(200\): does not match the contract: \/processingState/,
      );
    } finally {
      await upstream.close();
    }
  });

  it('records the other ids when one fails, and says which failed and why', async () => {
    const upstream = await countingUpstream([{ status: 200, headers: json, body: done }]);
    const dir = join(out, 'partial');
    const lines: string[] = [];
    try {
      const command = parseRecordArgs(
        ['--url', upstream.url, '--token-env', 'T', '--ids', 'cut', 'u1', '--out', dir],
        { T: TOKEN },
        out,
      );
      expect(await runRecord(command, (line) => lines.push(line))).toBe(1);
      expect(await readdir(dir)).toEqual(['u1.json']);
      expect(lines[0]).toMatch(
        /^cut: not recorded: GET http:\/\/127\.0\.0\.1:\d+\/api\/file\/cut failed after 0 answers/,
      );
      expect(lines.join('\n')).not.toContain(TOKEN);
    } finally {
      await upstream.close();
    }
    await expect(recordFile({ url: 'not a url', token: TOKEN, id: 'x' })).rejects.toThrow(
      RecordError,
    );
  });
});

describe('mdss-mock record, for ids that never answer a result', () => {
  it('says so, writes nothing for them, records the others, and exits 1', async () => {
    const mock = await startMockServer({ port: 0, files: { d1: presets.dlp() } });
    const dir = join(out, 'refused');
    try {
      const bin = fileURLToPath(new URL('./bin.ts', import.meta.url));
      const record = (...ids: string[]) =>
        promisify(execFile)(
          process.execPath,
          [
            ...['--import', 'tsx', bin, 'record', '--url', mock.url],
            ...['--token-env', 'MDSS_TEST_TOKEN', '--out', dir, '--ids', ...ids],
          ],
          { env: { ...process.env, MDSS_TEST_TOKEN: TOKEN } },
        ).then(
          ({ stdout }) => ({ code: 0, stdout }),
          (error: { code: number; stdout: string }) => error,
        );
      const missing = await record('nope1');
      expect(missing.code).toBe(1);
      expect(missing.stdout).toMatch(
        /^nope1: not recorded: MDSS answered 404 \(no file with this id there: check the id and --url\), never a result: nothing recorded$/m,
      );
      const mixed = await record('nope2', 'd1');
      expect(mixed.code).toBe(1);
      expect(mixed.stdout).toMatch(/^nope2: not recorded: MDSS answered 404/m);
      expect(mixed.stdout).toMatch(/^d1: 1 answers/m);
      expect(await readdir(dir)).toEqual(['d1.json']);
    } finally {
      await mock.close();
    }
  });

  it('refuses a recording of a refused token, naming it', async () => {
    const mock = await startMockServer({ port: 0, auth: { tokens: ['other'] } });
    try {
      await expect(recordFile({ url: mock.url, token: TOKEN, id: 'x1' })).rejects.toThrow(
        /MDSS answered 401 \(the token was refused\), never a result/,
      );
    } finally {
      await mock.close();
    }
  });
});

describe('parseRecordArgs', () => {
  const env = { MDSS_TOKEN: TOKEN, EMPTY: '' };
  const base = ['--url', 'https://mdss.example', '--token-env', 'MDSS_TOKEN'];

  it('reads the options, the ids after --ids, and --out against the working directory', () => {
    expect(
      parseRecordArgs([...base, '--ids', 'a1', 'b2', '--out', 'rec', '--keep-names'], env, '/w'),
    ).toEqual({
      url: 'https://mdss.example',
      token: TOKEN,
      tokenEnv: 'MDSS_TOKEN',
      ids: ['a1', 'b2'],
      out: '/w/rec',
      keepNames: true,
      intervalMs: 1000,
    });
    expect(parseRecordArgs([...base, '--ids', 'a1'], env, '/w').out).toBe('/w');
  });

  it.each([
    ['no --url', ['--token-env', 'MDSS_TOKEN', '--ids', 'a'], /--url is required/],
    [
      'a --url that is not http',
      ['--url', 'ftp://x', '--token-env', 'MDSS_TOKEN', '--ids', 'a'],
      /--url must be an http\(s\) URL/,
    ],
    ['no --token-env', ['--url', 'https://x', '--ids', 'a'], /--token-env is required/],
    [
      'an unset token variable',
      ['--url', 'https://x', '--token-env', 'NOPE', '--ids', 'a'],
      /NOPE is unset or empty/,
    ],
    [
      'an empty token variable',
      ['--url', 'https://x', '--token-env', 'EMPTY', '--ids', 'a'],
      /EMPTY is unset or empty/,
    ],
    ['no ids', [...base, '--ids'], /--ids needs at least one id/],
    ['an id that is not one', [...base, '--ids', '..'], /'\.\.' is not a file id/],
    ['an unknown option', [...base, '--ids', 'a', '--token', TOKEN], /unknown option --token/],
    [
      'a bad interval',
      [...base, '--ids', 'a', '--interval-ms', '-5'],
      /--interval-ms must be a whole number/,
    ],
    [
      'two urls',
      ['--url', 'https://x', 'https://y', '--token-env', 'MDSS_TOKEN', '--ids', 'a'],
      /--url takes one value/,
    ],
    ['a stray word', ['a1', ...base], /unexpected 'a1' before any option/],
  ])('refuses %s with a clear message that never shows the token', (_case, args, message) => {
    let thrown: unknown;
    try {
      parseRecordArgs(args, env, '/w');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain(TOKEN);
  });
});
