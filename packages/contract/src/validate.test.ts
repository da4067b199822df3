import { describe, expect, it } from 'vitest';
import mdss from './generated/mdss.openapi.json' with { type: 'json' };
import { summarize } from './summarize.ts';
import type { FileResult } from './types.ts';
import { contractGaps, mdssContract, proxyContract } from './validate.ts';

// biome-ignore lint/suspicious/noExplicitAny: a test's stand-in for arbitrary JSON
type Json = any;

const reference = mdss.components.examples.ReferenceResult.value;

describe('contractGaps', () => {
  it('finds nothing in the contract’s own examples of GET /api/file/{id}', () => {
    const examples = mdss.paths['/api/file/{id}'].get.responses['200'].content['application/json'];
    for (const example of Object.values(examples.examples)) {
      expect(contractGaps(200, example.value)).toEqual([]);
    }
  });

  it('names the properties and codes the contract lacks, in a body that is still valid', () => {
    const body: Json = structuredClone(reference);
    body.quarantineId = 'q1';
    body.processingState = 7;
    body.scanResult.scanResults.scanDetails[0].scanResultI = 42;
    body.scanResult.scanResults.scanDetails[0].engineBuild = '1.2';
    body.scanResult.fileInfo.sha512 = 'ab';
    expect(mdssContract.responseErrors('/api/file/{id}', 200, body)).toEqual([]);
    expect(contractGaps(200, body).sort()).toEqual(
      [
        '/quarantineId: a property the contract does not name',
        '/processingState: 7, a code the contract does not name',
        '/scanResult/scanResults/scanDetails/0/scanResultI: 42, a code the contract does not name',
        '/scanResult/scanResults/scanDetails/0/engineBuild: a property the contract does not name',
        '/scanResult/fileInfo/sha512: a property the contract does not name',
      ].sort(),
    );
  });

  it('names what a record composed with allOf lacks, and nothing its parts name', () => {
    const body: Json = structuredClone(reference);
    body.scanResult.dlpInfo = { verdict: 1, dlpInfo: { verdict: 1, surprise: 1 }, extra: true };
    body.scanResult.processInfo.postProcessing.sanitizationDetails = {
      details: [{ action: 'removed', objectName: 'macro', fileName: 'a.xls', description: 'ok' }],
    };
    expect(contractGaps(200, body).sort()).toEqual(
      [
        '/scanResult/dlpInfo/extra: a property the contract does not name',
        '/scanResult/dlpInfo/dlpInfo/surprise: a property the contract does not name',
      ].sort(),
    );
  });

  it('leaves open maps and error bodies open: DLP hit kinds, Core’s not-found key', () => {
    expect(contractGaps(404, { abc: 'Not Found' })).toEqual([]);
  });
});

describe('an event of the stream, as OpenAPI 3.2 models it (FileEvent)', () => {
  const summary = summarize(reference as FileResult);

  it('accepts a data line whose text is the JSON of its contentSchema', () => {
    const event = { event: 'done', id: '7', data: JSON.stringify(summary) };
    expect(proxyContract.schemaErrors('FileEvent', event)).toEqual([]);
  });

  it('checks the JSON inside the data line against contentSchema, not only that it is a string', () => {
    const event = { event: 'progress', id: '1', data: JSON.stringify({ ...summary, done: 'no' }) };
    expect(proxyContract.schemaErrors('FileEvent', event)).toContain(
      '/data as JSON: /done must be boolean',
    );
  });

  it('refuses a data line that is not JSON, and data sent as an object instead of text', () => {
    expect(
      proxyContract.schemaErrors('FileEvent', { event: 'done', id: '1', data: '{' }),
    ).toContain('/data must be JSON text');
    expect(
      proxyContract.schemaErrors('FileEvent', { event: 'done', id: '1', data: summary }),
    ).toContain('/data must be string');
  });
});
