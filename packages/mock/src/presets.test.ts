import { isTerminal, summarize } from '@mdss-kit/contract';
import { mdssContract } from '@mdss-kit/contract/validate';
import { describe, expect, it } from 'vitest';
import { presets } from './presets.ts';

describe('presets', () => {
  it.each(Object.entries(presets))(
    '%s validates against the contract and is deterministic',
    (_name, preset) => {
      const result = (preset as () => ReturnType<typeof presets.clean>)();
      mdssContract.assertSchema('FileResult', result);
      expect(JSON.stringify((preset as () => unknown)())).toBe(JSON.stringify(result));
    },
  );

  it('clean: allowed, nothing detected', () => {
    expect(summarize(presets.clean())).toMatchObject({
      decision: 'allowed',
      verdict: { code: 0 },
      threats: [],
      done: true,
    });
  });

  it('infected: the engines and threats given, blocked', () => {
    const summary = summarize(presets.infected({ detections: [['Sophos', 'Troj/Agent-X']] }));
    expect(summary).toMatchObject({
      decision: 'blocked',
      verdict: { code: 1, label: 'Infected' },
      blockedReason: 'Infected',
    });
    expect(summary.threats).toEqual([{ engine: 'Sophos', name: 'Troj/Agent-X' }]);
    expect(summary.engines).toEqual({ total: 5, detected: 1 });
    expect(summarize(presets.infected()).threats.map((t) => t.engine)).toEqual(['ClamAV', 'ESET']);
  });

  it('suspicious: code 2 from one engine', () => {
    expect(summarize(presets.suspicious())).toMatchObject({
      verdict: { code: 2 },
      engines: { detected: 1 },
    });
  });

  it('inProgress: at the given upload and scan percentage, not terminal', () => {
    const result = presets.inProgress({ upload: 100, scan: 75 });
    expect(result.progress).toEqual({ upload: 100, scan: 75 });
    expect(result.scanResult?.scanResults?.scanDetails).toHaveLength(3);
    expect(isTerminal(result)).toBe(false);
    expect(isTerminal(presets.inProgress({ upload: 20, scan: 0 }))).toBe(false);
  });

  it('failed: state 1 with exceptionDetails', () => {
    const summary = summarize(presets.failed('Storage unreachable'));
    expect(summary).toMatchObject({ state: 'failed', done: true, failure: 'Storage unreachable' });
  });

  it('archive: extracted files with one infected child', () => {
    const files = presets.archive().scanResult?.extractedFiles?.filesInArchive ?? [];
    expect(files.filter((f) => f.scanAllResultI === 1)).toHaveLength(1);
    expect(summarize(presets.archive())).toMatchObject({
      decision: 'blocked',
      verdict: { code: 1 },
      engines: { detected: 0 },
    });
  });

  it('sanitized: postProcessing says Sanitized', () => {
    expect(summarize(presets.sanitized()).sanitized).toBe(true);
  });

  it('dlp: credit card numbers with their certainty', () => {
    const hits = presets.dlp().scanResult?.dlpInfo?.hits?.ccn?.hits ?? [];
    expect(hits.map((h) => [h.certainty, h.certainty_score])).toEqual([
      ['Very High', 96],
      ['High', 81],
    ]);
    expect(summarize(presets.dlp()).dlp).toEqual({
      verdict: 1,
      label: 'Found Matched Data',
      hits: 2,
    });
  });

  it('vulnerable, blocked file type and not scanned say so', () => {
    expect(summarize(presets.vulnerable())).toMatchObject({
      decision: 'blocked',
      verdict: { code: 18 },
    });
    expect(summarize(presets.blockedFileType())).toMatchObject({
      decision: 'blocked',
      blockedReason: 'Blocked file type',
      engines: { total: 0 },
    });
    expect(summarize(presets.notScanned())).toMatchObject({
      decision: 'allowed',
      verdict: { code: 10 },
      dlp: { verdict: 4 },
    });
  });

  it('take an override and stay consistent', () => {
    const result = presets.infected(undefined, { name: 'x.exe', size: 10 });
    expect(result.scanResult?.fileInfo).toMatchObject({ displayName: 'x.exe', fileSize: 10 });
    mdssContract.assertSchema('FileResult', result);
  });
});
