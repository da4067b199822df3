import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mdssContract } from '@mdss-kit/contract/validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { b64, TOKEN, tokenSpellings } from '../test/token-spellings.ts';
import { parseRecordArgs, runRecord } from './record-command.ts';
import { parseRecording, type Recording } from './recording.ts';

// A fake MDSS that does everything a recorder must survive: it echoes the bearer token in every
// spelling a server may write it in, in bodies and headers, and puts personal data in every
// string field (those the recorder keeps included), in fields the contract does not name, and in
// an HTML error page.

/** Personal data, as MDSS might hold it about a file and its owner. */
const personal = {
  name: 'Jane Doe',
  email: 'jane.doe@example.com',
  card: '4111 1111 1111 1111',
  unixPath: '/home/jdoe/Salaries 2026.xlsx',
  windowsPath: 'C:\\Users\\jdoe\\Desktop\\passport scan.pdf',
  phone: '+44 20 7946 0958',
};
const about = Object.values(personal).join(' · ');

const spellings = Object.values(tokenSpellings);
/** Where a spelling goes: a marker the JSON text's spelling replaces as it is, escapes and all. */
const marker = (index: number) => `@@token-${index}@@`;
const withSpellings = (json: string) =>
  spellings.reduce((text, spelling, i) => text.replaceAll(marker(i), spelling), json);
/** Every spelling of the token, one after another, for a string field. */
const allSpellings = spellings.map((_s, i) => marker(i)).join(' ');

const inProgress = withSpellings(
  JSON.stringify({
    id: 'f1',
    name: `${personal.name}.xlsx`,
    path: personal.unixPath,
    hash: `${personal.email}-etag`,
    storageName: `${personal.name}'s bucket`,
    processingState: 0,
    progress: { upload: 100, scan: 10 },
    created: '2026-11-20T09:14:03.3560169Z',
    debugEcho: `Bearer ${allSpellings}`,
  }),
);

const finished = withSpellings(
  JSON.stringify({
    id: 'f1',
    storageType: 0,
    storageName: `${personal.name}'s bucket`,
    storageId: personal.email,
    scanId: `scan of ${personal.name}`,
    scanName: `Payroll scan for ${personal.email}`,
    scanWorkflowSnapshotId: personal.phone,
    fileOwner: { userId: personal.email },
    name: `${personal.name} passport.pdf`,
    path: personal.windowsPath,
    hash: personal.card,
    exceptionDetails: `Could not read ${personal.unixPath} for ${personal.email}`,
    processingState: 3,
    progress: { upload: 100, scan: 100 },
    size: 1000,
    created: '2026-11-20T09:14:03.3560169Z',
    // Personal data where a time belongs: kept fields keep only values of their kind.
    uploadCompleted: personal.email,
    engineVersions: [`build by ${personal.name}`],
    scanResult: {
      dataId: personal.phone,
      scanResults: {
        dataId: personal.card,
        scanAllResultI: 1,
        scanAllResultA: 'Infected',
        startTime: '2026-11-20T09:14:05Z',
        totalAvs: 2,
        scanDetails: [
          {
            engineName: 'ClamAV',
            engId: 'clamav_1_linux',
            scanResultI: 1,
            threatFound: `Eicar in ${personal.windowsPath}`,
            defTime: '2026-11-19T00:00:00Z',
          },
          {
            engineName: `Engine of ${personal.email}`,
            scanResultI: 0,
            threatFound: allSpellings,
          },
        ],
      },
      fileInfo: {
        md5: `md5 ${personal.card}`,
        sha1: personal.phone,
        sha256: personal.email,
        displayName: personal.unixPath,
        fileTypeDescription: 'PDF document',
        uploadTimestamp: '2026-11-20T09:14:04Z',
      },
      processInfo: {
        result: 'Blocked',
        profile: 'MetaDefender for Secure Storage',
        userAgent: `mdss for ${personal.name}`,
        blockedReason: `Card ${personal.card} of ${personal.name} (${personal.email})`,
        postProcessing: {
          actionsRan: `Sanitized | Mail ${personal.email}`,
          actionsFailed: `Copy to ${personal.unixPath} failed`,
          convertedTo: 'pdf',
          convertedDestination: `${personal.name} sanitized.pdf`,
          copyMoveDestination: personal.windowsPath,
          sanitizationDetails: {
            description: `Macros removed for ${personal.name}`,
            // The string form, not a list (domain notes §8.6).
            details: `Removed 2 macros from ${personal.unixPath}, owner ${personal.email}`,
          },
        },
      },
      dlpInfo: {
        verdict: 1,
        hits: {
          ccn: {
            display_name: 'Credit Card Number',
            hits: [
              {
                before: `Paid by ${personal.name}: `,
                hit: personal.card,
                after: ` exp 12/29, ${personal.phone}`,
                certainty: 'Very High',
                certainty_score: 95,
                // Not in the contract: what MDSS adds tomorrow.
                location: `page 3 of ${personal.windowsPath}`,
              },
            ],
          },
        },
      },
      extractedFiles: {
        filesInArchive: [
          { displayName: personal.unixPath, dataId: personal.email, fileType: 'pdf' },
        ],
      },
    },
    // A field the contract does not name.
    uploader: { email: personal.email, name: personal.name, note: allSpellings },
  }),
);

const errorPage = `<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<p>Upstream failed for ${personal.email} reading <a href="/files/${encodeURIComponent(personal.unixPath)}?t=${tokenSpellings['percent-encoded']}">${personal.unixPath}</a>; session ${TOKEN}, ${tokenSpellings.base64}</p>\r\n<!-- user ${personal.name}, card ${personal.card} -->\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

const answers = [
  {
    status: 200,
    headers: {
      'content-type': `application/json; charset=utf-8; echo="${tokenSpellings['percent-encoded']}"`,
      'cache-control': `private, x-session=${tokenSpellings['base64, offset 1 (Basic a:token)']}`,
      'set-cookie': `session=${TOKEN}; email=${personal.email}`,
      'x-echo': TOKEN,
    },
    body: inProgress,
  },
  {
    status: 502,
    headers: { 'content-type': 'text/html', 'cache-control': `no-store, t=${b64(TOKEN)}` },
    body: errorPage,
  },
  {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: finished,
  },
];

let mdss: Server;
let url: string;
let out: string;
let served = 0;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'mdss-privacy-'));
  mdss = createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return void res.writeHead(401).end();
    const answer = answers[served++ % answers.length] as (typeof answers)[number];
    res.writeHead(answer.status, answer.headers).end(answer.body);
  });
  mdss.listen(0, '127.0.0.1');
  await once(mdss, 'listening');
  url = `http://127.0.0.1:${(mdss.address() as AddressInfo).port}`;
});
afterAll(async () => {
  mdss.closeAllConnections();
  mdss.close();
  await rm(out, { recursive: true, force: true });
});

/** Records `f1` from the fake MDSS with the command's own code, and reads the file back. */
async function record(keepNames: boolean): Promise<{ text: string; recording: Recording }> {
  served = 0;
  const dir = join(out, keepNames ? 'kept' : 'redacted');
  const args = ['--url', url, '--token-env', 'T', '--ids', 'f1', '--out', dir];
  const command = parseRecordArgs(
    [...args, '--interval-ms', '0', ...(keepNames ? ['--keep-names'] : [])],
    { T: TOKEN },
    out,
  );
  const lines: string[] = [];
  expect(await runRecord(command, (line) => lines.push(line))).toBe(0);
  expect(lines.join('\n')).not.toContain(TOKEN);
  const text = await readFile(join(dir, 'f1.json'), 'utf8');
  return { text, recording: parseRecording(JSON.parse(text)) };
}

/** Every string of a JSON value, decoded. */
const strings = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : typeof value === 'object' && value !== null
      ? [...Object.keys(value), ...Object.values(value).flatMap(strings)]
      : [];

/** Everything a recording holds, as written and as decoded: the file, bodies, headers, strings. */
function everything(text: string, recording: Recording): string[] {
  return [
    text,
    ...recording.answers.flatMap(({ headers, body }) => {
      let parsed: string[] = [];
      try {
        parsed = strings(JSON.parse(body));
      } catch {
        // An HTML page: its text is searched as it is.
      }
      return [body, ...Object.values(headers), ...parsed];
    }),
  ];
}

describe('mdss-mock record against an MDSS that echoes the token and holds personal data', () => {
  it('keeps no spelling of the token and no personal data, and every body holds to the contract', async () => {
    const { text, recording } = await record(false);
    expect(recording.answers.map((a) => a.status)).toEqual([200, 502, 200]);
    const held = everything(text, recording);
    for (const [name, spelling] of Object.entries(tokenSpellings))
      for (const part of held) expect(part, `the token, spelled ${name}`).not.toContain(spelling);
    for (const [kind, value] of Object.entries(personal))
      for (const part of held) {
        expect(part, kind).not.toContain(value);
        expect(part, `${kind}, JSON-escaped`).not.toContain(JSON.stringify(value).slice(1, -1));
      }
    for (const part of held) expect(part, 'the jdoe account').not.toContain('jdoe');
    // Only the kept headers, each without the token.
    expect(recording.answers[0]?.headers).toEqual({
      'content-type': 'application/json; charset=utf-8; echo="redacted-token"',
      'cache-control': 'private, x-session=redacted-token',
    });
    // Redaction breaks nothing the contract holds: each body has the contract errors its
    // original had (the original's one: an e-mail address where a time belongs), no more.
    const errors = ({
      status,
      headers,
      body,
    }: {
      status: number;
      headers: object;
      body: string;
    }) => {
      const contentType = (headers as Record<string, string>)['content-type'] ?? null;
      const value = contentType?.includes('json') ? JSON.parse(body) : body;
      return mdssContract.responseErrors('/api/file/{id}', status, value, { contentType });
    };
    expect(recording.answers.map(errors)).toEqual(answers.map(errors));
    expect(answers.flatMap(errors)).toEqual(['/uploadCompleted must match format "date-time"']);
    // What is safe stays: the engines, codes, labels and times, and NGINX's own words.
    const last = JSON.parse(recording.answers[2]?.body ?? '{}');
    expect(last).toMatchObject({
      id: 'f1',
      processingState: 3,
      created: '2026-11-20T09:14:03.3560169Z',
      scanResult: {
        scanResults: {
          scanAllResultA: 'Infected',
          scanDetails: [{ engineName: 'ClamAV', engId: 'clamav_1_linux' }, {}],
        },
        processInfo: {
          result: 'Blocked',
          postProcessing: { actionsRan: 'Sanitized | redacted-action-1' },
        },
        dlpInfo: { hits: { ccn: { display_name: 'Credit Card Number' } } },
      },
    });
    expect(recording.answers[1]?.body).toContain('<title>502 Bad Gateway</title>');
    expect(recording.answers[1]?.body).toContain('<center>nginx</center>');
  });

  it('with --keep-names keeps the personal data as it came, but still no spelling of the token', async () => {
    const { text, recording } = await record(true);
    const held = everything(text, recording);
    for (const [name, spelling] of Object.entries(tokenSpellings))
      for (const part of held) expect(part, `the token, spelled ${name}`).not.toContain(spelling);
    expect(recording.answers[2]?.body).toContain(about.split(' · ')[1]);
    expect(
      JSON.parse(recording.answers[2]?.body ?? '{}').scanResult.processInfo.blockedReason,
    ).toBe(`Card ${personal.card} of ${personal.name} (${personal.email})`);
  });
});
