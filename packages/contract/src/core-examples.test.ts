// Every example of MetaDefender Core's own OpenAPI (every version; fixtures/core-examples, made
// by scripts/core-examples.ts), camel-cased as MDSS serves Core's result and placed in the
// reference's example: each is a legal answer, names nothing the contract lacks, and summarizes
// as what it shows. Where Core's schema and its examples disagree, the contract accepts both
// (the table in this package's README).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import mdss from './generated/mdss.openapi.json' with { type: 'json' };
import { type FileSummary, summarize } from './summarize.ts';
import type { FileResult } from './types.ts';
import { contractGaps, mdssContract, proxyContract } from './validate.ts';

interface Fixture {
  name: string;
  source: { repository: string; file: string; firstCommit: string; lastCommit: string };
  at: string;
  status: number;
  body: unknown;
}

const dir = new URL('../fixtures/core-examples/', import.meta.url);
const fixtures: Fixture[] = readdirSync(dir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => JSON.parse(readFileSync(new URL(file, dir), 'utf8')));

/** The reference's example's summary (summarize.test.ts says what it is); each fixture changes it. */
const reference = summarize(mdss.components.examples.ReferenceResult.value as FileResult);

/** What OPSWAT's example of Core's full result summarizes as (both of its versions). */
const analysisResult = {
  ...reference,
  decision: 'blocked',
  blockedReason: 'Sensitive Data Found',
  verdict: { code: 20, label: 'Sensitive Data Found' },
  engines: { total: 1, detected: 0 },
  sanitized: true,
  vulnerabilities: { count: 1, highestSeverity: 'critical' },
  dlp: { verdict: 1, label: 'Found Matched Data', hits: 1 },
  sha256: 'b9fdc10b47950b9e503ef4dc0ef42d28e7c37ccd749d4a5dcd7d9b3218996b7f',
} satisfies Partial<FileSummary>;

/** Each fixture's summary: the reference's, changed by what the example put in it. */
const summaries: Record<string, Partial<FileSummary>> = {
  'analysis-result.properties@a6b026b': analysisResult,
  'analysis-result.properties@ef87f0f': analysisResult,
  // Core's ClamAV takes the place of the reference's Clamav; the reference says 11 engines.
  'av-engine-scan-report.properties@a6b026b': reference,
  // Sanitization details alone do not say that Deep CDR ran: `actionsRan` does.
  'deep-cdr-details.example@a6b026b': reference,
  'deep-cdr-details.properties@a6b026b': reference,
  // The fields under a second `dlpInfo`, as Core's schema nests them.
  'dlp-response.properties@a6b026b': {
    ...reference,
    dlp: { verdict: 1, label: 'Found Matched Data', hits: 1 },
  },
  // A match under the second `dlpInfo`, beside the reference's own verdict.
  'dlp-rule-match-result.properties@a6b026b': {
    ...reference,
    dlp: { verdict: 4, label: 'Not Scanned', hits: 1 },
  },
  'file-information.properties@a6b026b': {
    ...reference,
    sha256: 'b9fdc10b47950b9e503ef4dc0ef42d28e7c37ccd749d4a5dcd7d9b3218996b7f',
  },
  'metascan-report.properties@a6b026b': {
    ...reference,
    verdict: { code: 20, label: 'Sensitive Data Found' },
    engines: { total: 1, detected: 0 },
  },
  'processing-results-index-enum.example@a6b026b': reference,
  // Core's string table says "Threat Detected" for 0: the code decides, never the words.
  'processing-results-string-enum.example@a6b026b': reference,
  'vulnerability-response.properties@a6b026b': {
    ...reference,
    vulnerabilities: { count: 1, highestSeverity: 'critical' },
  },
};

/** Where MDSS passes Core's keys on as Core writes them (the contract says so for each). */
const keepsCoreKeys = (at: string) =>
  /^\/scanResult\/vulnerabilityInfo\//.test(at) || /\/dlpInfo(\/dlpInfo)?\/hits\//.test(at);

/** Keys of `value` that are not camel case, outside the places that keep Core's keys. */
function snakeKeys(value: unknown, at = ''): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const path = `${at}/${key}`;
    const own = Array.isArray(value) || keepsCoreKeys(path) || /^[a-z][A-Za-z0-9]*$/.test(key);
    return [...(own ? [] : [path]), ...snakeKeys(inner, path)];
  });
}

describe('MetaDefender Core’s own examples, as MDSS serves them', () => {
  it('are all here: every fixture has its expected summary, every summary a fixture', () => {
    const results = fixtures.filter((f) => f.status === 200).map((f) => f.name);
    expect(results.sort()).toEqual(Object.keys(summaries).sort());
    expect(fixtures.map((f) => f.source.repository)).toEqual(
      fixtures.map(() => 'OPSWAT/metadefender-core-openapi3'),
    );
  });

  describe.each(fixtures)('$name ($source.file)', (fixture) => {
    it(`is a valid ${fixture.status} answer of GET /api/file/{id}`, () => {
      expect(mdssContract.responseErrors('/api/file/{id}', fixture.status, fixture.body)).toEqual(
        [],
      );
    });

    it('names nothing the contract lacks', () => {
      expect(contractGaps(fixture.status, fixture.body)).toEqual([]);
    });
  });

  describe.each(fixtures.filter((f) => f.status === 200))('$name, at $at', (fixture) => {
    it('is camel-cased as MDSS serves Core’s result', () => {
      expect(snakeKeys(fixture.body)).toEqual([]);
    });

    it('summarizes as what it shows', () => {
      const summary = summarize(fixture.body as FileResult);
      expect(proxyContract.schemaErrors('FileSummary', summary)).toEqual([]);
      expect(summary).toMatchObject(summaries[fixture.name] ?? { missing: fixture.name });
    });
  });
});
