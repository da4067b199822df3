import { describe, expect, it } from 'vitest';
import mdss from './generated/mdss.openapi.json' with { type: 'json' };
import { mdssContract } from './validate.ts';

// Mutators edit untyped JSON copies of the example, wrong types included.
// biome-ignore lint/suspicious/noExplicitAny: a test's stand-in for arbitrary JSON
type Json = any;

const getFile = mdss.paths['/api/file/{id}'].get;
const reference = mdss.components.examples.ReferenceResult.value;

/** A deep copy of the reference's example with `change` applied to it. */
function referenceWith(change: (result: Json) => void): unknown {
  const copy = structuredClone(reference) as Json;
  change(copy);
  return copy;
}

describe('the contract’s examples', () => {
  it.each(Object.entries(getFile.responses['200'].content['application/json'].examples))(
    '200 example %s validates against the FileResult schema',
    (_name, example) => {
      expect(mdssContract.responseErrors('/api/file/{id}', 200, example.value)).toEqual([]);
    },
  );

  it('the 404 example validates against the error body schema', () => {
    const example = getFile.responses['404'].content['application/json'].example;
    expect(mdssContract.responseErrors('/api/file/{id}', 404, example)).toEqual([]);
  });

  it('the path parameter examples are valid file ids', () => {
    for (const example of Object.values(getFile.parameters[0]?.examples ?? {})) {
      expect(mdssContract.schemaErrors('FileId', example.value)).toEqual([]);
    }
  });
});

describe('responses shaped as the domain notes describe', () => {
  it.each([
    ['an undocumented processingState (3, as the reference answers)', (r: Json) => r],
    [
      'processingState 7, never documented',
      (r: Json) => {
        r.processingState = 7;
      },
    ],
    [
      'a UUID id',
      (r: Json) => {
        r.id = '0198f02f-ed4d-7c0d-8668-1036d322209c';
      },
    ],
    [
      'a size above 2^32',
      (r: Json) => {
        r.size = 5 * 2 ** 40;
      },
    ],
    [
      'timestamps with 0, 2, 6 and 7 fractional digits and an offset',
      (r: Json) => {
        r.created = '2020-04-11T13:05:24Z';
        r.uploadCompleted = '2020-04-11T13:05:25.88Z';
        r.scanResult.scanResults.startTime = '2026-11-24T09:15:02.123456+01:00';
        r.scanResult.fileInfo.uploadTimestamp = '2026-11-24T09:15:02.3560169Z';
      },
    ],
    [
      'a multipart S3 ETag and an Azure ETag as hash',
      (r: Json) => {
        r.hash = 'd41d8cd98f00b204e9800998ecf8427e-12';
        r.scanResult.fileInfo.md5 = '0x8D9F2B3C4A5E6F7';
      },
    ],
    [
      'unknown properties at every level',
      (r: Json) => {
        r.fileState = 'Available';
        r.fileOwner.displayName = 'Ana';
        r.scanResult.yara = { hits: {} };
        r.scanResult.scanResults.scanDetails[0].location = 'local';
        r.scanResult.processInfo.verdicts = ['No Threat Detected'];
        r.scanResult.processInfo.postProcessing.sanitizationDetails = { details: [] };
        r.scanResult.fileInfo.fileTypeExtension = 'mp4';
      },
    ],
    [
      'engine codes outside the table (an engine reporting 42)',
      (r: Json) => {
        r.scanResult.scanResults.scanDetails[0].scanResultI = 42;
        r.scanResult.scanResults.scanAllResultI = 255;
      },
    ],
    [
      'DLP hits keyed by rule with snake_case inner keys',
      (r: Json) => {
        r.scanResult.dlpInfo = {
          verdict: 1,
          severity: 0,
          hits: {
            ccn: {
              display_name: 'Credit Card Number',
              hits: [
                {
                  before: 'card ',
                  after: ' exp',
                  hit: 'XXXX XXXX XXXX 1938',
                  certainty: 'Very High',
                  certainty_score: 96,
                  severity: 0,
                  isRedacted: false,
                },
              ],
            },
            regex_1: {
              display_name: 'Project code',
              hits: [{ hit: 'PRJ-7', certainty: 'Medium', certainty_score: 50 }],
            },
          },
        };
      },
    ],
    [
      'a DLP certainty level Core does not document yet',
      (r: Json) => {
        r.scanResult.dlpInfo = { verdict: 2, hits: { ssn: { hits: [{ certainty: 'Extreme' }] } } };
      },
    ],
    [
      'Core’s vulnerability info',
      (r: Json) => {
        r.scanResult.vulnerabilityInfo = {
          result: {
            code: 0,
            hash: 'C577F7A37657053275F3E3ECC06EC22E6B909366',
            method: 50700,
            timestamp: '1586610325',
            timing: 12,
            detected_product: {
              has_vulnerability: true,
              is_current: false,
              product: { id: 7, name: 'Reader' },
              vendor: { id: 3, name: 'Adobe' },
              severity: 'critical',
              version: '9.1',
            },
            vulnerabilities: [
              {
                description: 'heap overflow',
                severity: 'CRITICAL',
                severity_index: 5,
                static_id: 101,
                details: { cve: 'CVE-2020-0001', cvss: { score: '9.8' } },
              },
            ],
          },
        };
      },
    ],
    [
      'an archive with extracted files',
      (r: Json) => {
        r.scanResult.extractedFiles = {
          filesExtractedCount: 2,
          filesInArchive: [
            {
              dataId: 'a1',
              displayName: 'a.exe',
              fileSize: 10,
              scanAllResultI: 1,
              detectedBy: 3,
              scannedWith: 10,
              progressPercentage: 100,
            },
            { dataId: 'a2', displayName: 'b.txt', fileSize: 5, scanAllResultI: 0 },
          ],
        };
      },
    ],
    [
      'a blocked file with blocked process info of unknown shape',
      (r: Json) => {
        r.scanResult.processInfo.result = 'Blocked';
        r.scanResult.processInfo.blockedReason = 'Infected';
        r.scanResult.processInfo.blockedProcessInfo = { anything: [1, 'two'] };
      },
    ],
    [
      'engine versions of unknown shape',
      (r: Json) => {
        r.engineVersions = [{ engine: 'clamav', version: '1.3' }, 'bare string'];
      },
    ],
    [
      'an empty exceptionDetails on success',
      (r: Json) => {
        r.exceptionDetails = '';
      },
    ],
  ] as const)('%s validates', (_name, change) => {
    expect(mdssContract.schemaErrors('FileResult', referenceWith(change))).toEqual([]);
  });

  it('a record that carries only its id validates (everything else may be omitted)', () => {
    expect(mdssContract.schemaErrors('FileResult', { id: '5e91c094efe27b0006489533' })).toEqual([]);
  });
});

describe('the FileResult schema rejects', () => {
  it.each([
    [
      'a string size',
      (r: Json) => {
        r.size = '1000';
      },
      '/size must be integer',
    ],
    [
      'a fractional size',
      (r: Json) => {
        r.size = 10.5;
      },
      '/size must be integer',
    ],
    [
      'a string processingState',
      (r: Json) => {
        r.processingState = '2';
      },
      '/processingState must be integer',
    ],
    [
      'a missing id',
      (r: Json) => {
        delete r.id;
      },
      "(root) must have required property 'id'",
    ],
    [
      'a numeric id',
      (r: Json) => {
        r.id = 5;
      },
      '/id must be string',
    ],
    [
      'a progress above 100',
      (r: Json) => {
        r.progress.scan = 101;
      },
      '/progress/scan must be <= 100',
    ],
    [
      'a date that is not RFC 3339',
      (r: Json) => {
        r.created = '11/04/2020 13:05';
      },
      '/created must match format "date-time"',
    ],
    [
      'scanDetails as Core’s map instead of MDSS’s array',
      (r: Json) => {
        r.scanResult.scanResults.scanDetails = { Clamav: { scanResultI: 0 } };
      },
      '/scanResult/scanResults/scanDetails must be array',
    ],
    [
      'a DLP certainty score as text',
      (r: Json) => {
        r.scanResult.dlpInfo.hits = { ccn: { hits: [{ certainty_score: 'high' }] } };
      },
      '/scanResult/dlpInfo/hits/ccn/hits/0/certainty_score must be integer',
    ],
  ] as const)('%s', (_name, change, message) => {
    expect(mdssContract.schemaErrors('FileResult', referenceWith(change))).toContain(message);
  });

  it('a body that is not an object', () => {
    expect(mdssContract.schemaErrors('FileResult', [])).toContain('(root) must be object');
  });
});
