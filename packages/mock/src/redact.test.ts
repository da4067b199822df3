import { readFile } from 'node:fs/promises';
import { mdssContract } from '@mdss-kit/contract/validate';
import { describe, expect, it } from 'vitest';
import { presets } from './presets.ts';
import { createRedactor, keptFields } from './redact.ts';
import { nginxPage } from './scenarios.ts';

const json = 'application/json; charset=utf-8';
const redact = (text: string) => createRedactor().body(text, json);

/** Every string in `value` at any depth. */
const strings = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : typeof value === 'object' && value !== null
      ? Object.values(value).flatMap(strings)
      : [];

describe('createRedactor: every string but the known-safe ones', () => {
  it.each([
    ['archive', presets.archive()],
    ['dlp', presets.dlp()],
    ['sanitized', presets.sanitized()],
    ['vulnerable', presets.vulnerable()],
    ['failed', presets.failed()],
    ['infected', presets.infected()],
  ])(
    'leaves no string of the %s preset outside the safe fields, and still validates',
    (_name, file) => {
      const original = {
        ...file,
        path: 'finance/2026/invoice.pdf.exe',
        storageName: 'Finance bucket',
        scanName: 'Nightly finance scan',
        fileOwner: { userId: 'f3a7c1de-0000-4000-8000-00000000abcd' },
      };
      const text = JSON.stringify(original, null, 2);
      const redacted = redact(text);
      const body = JSON.parse(redacted);
      expect(mdssContract.responseErrors('/api/file/{id}', 200, body)).toEqual([]);
      // What stays: the id, the codes, the engines, the verdict's words, the times.
      expect(body.id).toBe(original.id);
      expect(body.created).toBe(original.created);
      const engines = (original.scanResult?.scanResults?.scanDetails ?? []) as {
        engineName?: string;
      }[];
      expect(
        (body.scanResult?.scanResults?.scanDetails ?? []).map(
          (e: { engineName?: string }) => e.engineName,
        ),
      ).toEqual(engines.map((e) => e.engineName));
      expect(body.scanResult?.scanResults?.scanAllResultA).toBe(
        original.scanResult?.scanResults?.scanAllResultA,
      );
      // Whatever is not safe is gone: every string of the original that is not kept as it was.
      const kept = new Set(strings(body));
      const gone = strings(original).filter((s) => s !== '' && !kept.has(s));
      for (const secret of [
        original.name,
        original.path,
        original.hash,
        original.storageName,
        original.scanName,
        original.fileOwner.userId,
        original.scanResult?.fileInfo?.sha256,
      ])
        if (secret) expect(gone).toContain(secret);
      for (const secret of gone) expect(redacted).not.toContain(JSON.stringify(secret));
    },
  );

  it('keeps every other byte: numbers as written, escapes, spacing', () => {
    const text =
      '{ "name" : "a\\u00e9.exe",\n  "scanResult": {"scanResults": {"scanDetails": [{"engineName": "ClamAV", "scanTime": 10002.0, "threatFound": "caf\\u00e9"}]}},\n  "size":1e3 }';
    expect(redact(text)).toBe(
      '{ "name" : "redacted-name-1",\n  "scanResult": {"scanResults": {"scanDetails": [{"engineName": "ClamAV", "scanTime": 10002.0, "threatFound": "redacted-threatFound-1"}]}},\n  "size":1e3 }',
    );
  });

  it('gives the same value the same placeholder across answers and names, and another value the next one', () => {
    const redactor = createRedactor();
    expect(
      redactor.body(
        '{"name":"a.exe","hash":"x1","scanResult":{"fileInfo":{"displayName":"a.exe"}}}',
        json,
      ),
    ).toBe(
      '{"name":"redacted-name-1","hash":"redacted-hash-1","scanResult":{"fileInfo":{"displayName":"redacted-name-1"}}}',
    );
    expect(redactor.body('{"name":"a.exe","hash":"x2"}', json)).toBe(
      '{"name":"redacted-name-1","hash":"redacted-hash-2"}',
    );
  });

  it('redacts a field MDSS adds tomorrow, and every string of an unknown shape', () => {
    expect(redact('{"id":"a1","uploaderEmail":"jane@example.com","tags":["HR","Jane"]}')).toBe(
      '{"id":"a1","uploaderEmail":"redacted-uploaderEmail-1","tags":["redacted-tags-1","redacted-tags-2"]}',
    );
    expect(redact('"a bare string"')).toBe('"redacted-text-1"');
  });

  it('redacts a safe field whose value is not of its kind: an e-mail, a card number, a path in a time', () => {
    const text = JSON.stringify({
      id: 'a1',
      created: '/home/jane/2026.txt',
      scanResult: {
        scanResults: {
          scanAllResultA: 'Infected for jane@example.com',
          scanDetails: [{ engineName: 'Engine 4111 1111 1111 1111' }],
        },
      },
    });
    expect(JSON.parse(redact(text))).toEqual({
      id: 'a1',
      created: 'redacted-created-1',
      scanResult: {
        scanResults: {
          scanAllResultA: 'redacted-scanAllResultA-1',
          scanDetails: [{ engineName: 'redacted-engineName-1' }],
        },
      },
    });
  });

  it('keeps Deep CDR’s own words among the post actions, not the names of the scripts', () => {
    const text = JSON.stringify({
      scanResult: {
        processInfo: {
          postProcessing: {
            actionsRan: 'Sanitized | Copy to /home/jane',
            actionsFailed: 'Sanitization Failed',
          },
        },
      },
    });
    expect(JSON.parse(redact(text)).scanResult.processInfo.postProcessing).toEqual({
      actionsRan: 'Sanitized | redacted-action-1',
      actionsFailed: 'Sanitization Failed',
    });
  });

  it('redacts only where a FileResult keeps such fields: a vendor’s name is not a file name', () => {
    expect(redact(JSON.stringify(presets.vulnerable()))).toContain('"name":"Adobe Acrobat Reader"');
  });

  it('keeps NGINX’s own error pages as they are', () => {
    const page = nginxPage(502, 'Bad Gateway');
    expect(createRedactor().body(page, 'text/html')).toBe(page);
    expect(createRedactor().body('', 'text/html')).toBe('');
  });

  it('redacts an HTML error page’s text, attribute values and comments, keeping its tags', () => {
    const page =
      '<html><head><title>500 Internal Server Error</title></head><body>\r\n<h1>Error for jane@example.com</h1><a href="/files/Jane Doe.docx">Jane Doe.docx</a><!-- user jdoe --></body></html>';
    const redacted = createRedactor().body(page, 'text/html; charset=utf-8');
    expect(redacted).toBe(
      '<html><head><title>500 Internal Server Error</title></head><body>\r\n<h1>redacted-text-1</h1><a href="redacted-attribute-1">redacted-text-2</a><!-- redacted-comment-1 --></body></html>',
    );
  });

  it('redacts a text body but for a status line', () => {
    expect(createRedactor().body('Not allowed for jdoe', 'text/plain')).toBe('redacted-text-1');
    expect(createRedactor().body('503 Service Unavailable', 'text/plain')).toBe(
      '503 Service Unavailable',
    );
  });

  it('keeps personal data with keepNames (--keep-names), and cuts the token even then', () => {
    const redactor = createRedactor({ keepNames: true, token: 'tok-secret-123' });
    expect(redactor.body('{"name":"Jane.docx","err":"tok-secret-123 refused"}', json)).toBe(
      '{"name":"Jane.docx","err":"redacted-token refused"}',
    );
    expect(redactor.body('<p>Jane tok-secret-123</p>', 'text/html')).toBe(
      '<p>Jane redacted-token</p>',
    );
    expect(redactor.header('private, x="tok-secret-123"')).toBe('private, x="redacted-token"');
  });
});

describe('the mock’s README', () => {
  it('lists every field the recorder keeps', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    for (const path of Object.values(keptFields).flat()) expect(readme).toContain(`\`${path}\``);
  });
});
