import { mdssContract } from '@mdss-kit/contract/validate';
import { describe, expect, it } from 'vitest';
import { presets } from './presets.ts';
import { createRedactor } from './redact.ts';

/** Every string in `value` at any depth. */
const strings = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : typeof value === 'object' && value !== null
      ? Object.values(value).flatMap(strings)
      : [];

describe('createRedactor', () => {
  it.each([
    ['archive', presets.archive()],
    ['dlp', presets.dlp()],
    ['sanitized', presets.sanitized()],
    ['vulnerable', presets.vulnerable()],
  ])(
    'leaves no name, path, owner, hash or DLP match of the %s preset, and still validates',
    (_name, file) => {
      const original = {
        ...file,
        path: 'finance/2026/invoice.pdf.exe',
        storageName: 'Finance bucket',
        scanName: 'Nightly finance scan',
        fileOwner: { userId: 'f3a7c1de-0000-4000-8000-00000000abcd' },
      };
      const text = JSON.stringify(original, null, 2);
      const redacted = createRedactor()(text);
      const body = JSON.parse(redacted);
      expect(mdssContract.responseErrors('/api/file/{id}', 200, body)).toEqual([]);
      const secrets = [
        original.name,
        original.path,
        original.hash,
        original.storageName,
        original.scanName,
        original.fileOwner.userId,
        original.scanResult?.fileInfo?.md5,
        original.scanResult?.fileInfo?.sha1,
        original.scanResult?.fileInfo?.sha256,
        original.scanResult?.fileInfo?.displayName,
        original.scanResult?.processInfo?.postProcessing?.convertedDestination,
        ...(original.scanResult?.extractedFiles?.filesInArchive ?? []).map((f) => f.displayName),
        ...strings(original.scanResult?.dlpInfo?.hits).filter((s) => /XXXX/.test(s)),
      ].filter((secret): secret is string => typeof secret === 'string' && secret !== '');
      expect(secrets.length).toBeGreaterThan(8);
      for (const secret of secrets) expect(redacted).not.toContain(JSON.stringify(secret));
      // What is not identifying stays: the id, the verdict, the engines.
      expect(body.id).toBe(original.id);
      expect(body.scanResult.scanResults).toEqual(original.scanResult?.scanResults);
    },
  );

  it('keeps every other byte: numbers as written, escapes, spacing', () => {
    const text =
      '{ "name" : "a\\u00e9.exe",\n  "scanResult": {"scanResults": {"scanDetails": [{"scanTime": 10002.0, "threatFound": "caf\\u00e9"}]}},\n  "size":1e3 }';
    expect(createRedactor()(text)).toBe(
      '{ "name" : "redacted-name-1",\n  "scanResult": {"scanResults": {"scanDetails": [{"scanTime": 10002.0, "threatFound": "caf\\u00e9"}]}},\n  "size":1e3 }',
    );
  });

  it('gives the same value the same placeholder across answers, and another value the next one', () => {
    const redact = createRedactor();
    expect(redact('{"name":"a.exe","hash":"x1"}')).toBe(
      '{"name":"redacted-name-1","hash":"redacted-hash-1"}',
    );
    expect(redact('{"name":"a.exe","hash":"x2"}')).toBe(
      '{"name":"redacted-name-1","hash":"redacted-hash-2"}',
    );
  });

  it('redacts only where a FileResult keeps such fields: a vendor’s name is not a file name', () => {
    const text = JSON.stringify(presets.vulnerable());
    expect(createRedactor()(text)).toContain('"name":"Adobe Acrobat Reader"');
  });

  it('returns a body that is not JSON as it is', () => {
    expect(createRedactor()('<html>name</html>')).toBe('<html>name</html>');
    expect(createRedactor()('')).toBe('');
  });
});
