import { fileIdProblem } from '@mdss-kit/contract';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractBody, type Harness, startHarness } from '../../test/harness.ts';
import { files } from '../../test/upstream-server.ts';

// Bounded runs with a fixed seed; a seed that ever fails is kept as its own case below.
const runs = { numRuns: 300, seed: 20261124 };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ config: { upstreamMaxBytes: 4096 } });
});
afterAll(async () => {
  await h.close();
});

/** Pieces that attack path handling, mixed with arbitrary text. */
const piece = fc.oneof(
  fc.constantFrom(
    '.',
    '..',
    '/',
    '\\',
    '%',
    '%2e',
    '%2E',
    '%2f',
    '%2F',
    '%5c',
    '%5C',
    '%00',
    '%0a',
    '%25',
    '%252e',
    '?',
    '#',
    '&',
    ';',
    ' ',
    '%20',
    '\u0000',
    '\n',
    '\t',
    '%c0%ae',
    '%e2%80%ae',
    '..%2f',
    'summary',
  ),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.stringMatching(/^[0-9a-f]{24}$/),
);
const anyId = fc.oneof(
  fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join('')),
  fc.string({ unit: 'grapheme', minLength: 100, maxLength: 300 }),
);

describe('any id, through the proxy', () => {
  it('reaches the upstream only as GET /api/file/<one safe segment>, and never gets a 5xx', async () => {
    h.upstream.answer(files());
    await fc.assert(
      fc.asyncProperty(anyId, fc.boolean(), fc.boolean(), async (id, encode, summary) => {
        const before = h.upstream.calls.length;
        let segment = encode ? encodeURIComponent(id) : id;
        if (summary) segment += '/summary';
        let response: Response;
        try {
          response = await h.app.request(`/api/file/${segment}`, {
            headers: { authorization: 'Bearer fuzz' },
          });
        } catch (error) {
          // Only a target no URL can be made of (a lone surrogate) fails before the proxy sees it.
          expect(error).toBeInstanceOf(TypeError);
          return;
        }
        expect(response.status).toBeLessThan(500);
        await response.arrayBuffer();
        for (const call of h.upstream.calls.slice(before)) {
          expect(call.method).toBe('GET');
          const match = /^\/api\/file\/([^/?#]+)$/.exec(call.path);
          expect(match, call.path).not.toBeNull();
          expect(fileIdProblem(decodeURIComponent(match?.[1] ?? ''))).toBeUndefined();
        }
      }),
      runs,
    );
    // Not vacuous: a good share of the ids were valid and did reach the upstream.
    expect(h.upstream.calls.length).toBeGreaterThan(30);
  });
});

// Placeholders for the id the proxy asked for, filled in per request: as asked, and upper-cased.
const ASKED = '@asked';
const ASKED_UPPER = '@ASKED';
const askedId = fc.constantFrom(ASKED, ASKED_UPPER);

/** Upstream 200 bodies: valid results, another file's, near misses, and garbage. */
const body = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc
    .record(
      {
        id: fc.oneof(askedId, fc.string(), fc.integer(), fc.constant(null)),
        processingState: fc.jsonValue(),
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
  fc
    .record({
      id: fc.oneof(askedId, fc.stringMatching(/^[0-9a-f]{24}$/)),
      progress: fc.jsonValue(),
      scanResult: fc.jsonValue(),
    })
    .map((v) => JSON.stringify(v)),
  fc.json().map((text) => text.slice(0, Math.max(0, text.length - 1))),
  fc.string({ minLength: 4000, maxLength: 5000 }).map((s) => JSON.stringify({ id: ASKED, s })),
  fc
    .integer({ min: 1, max: 5000 })
    .map((depth) => `{"id":"${ASKED}","x":${'['.repeat(depth)}${']'.repeat(depth)}}`),
  fc.string(),
);

/** The body as the upstream sends it for `id`. */
const filledIn = (text: string, id: string) =>
  text
    .replaceAll(`"${ASKED}"`, JSON.stringify(id))
    .replaceAll(`"${ASKED_UPPER}"`, JSON.stringify(id.toUpperCase()));

function acceptable(text: string, id: string): boolean {
  if (new TextEncoder().encode(text).byteLength > 4096) return false;
  try {
    const value: unknown = JSON.parse(text);
    return (
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      typeof (value as { id?: unknown }).id === 'string' &&
      (value as { id: string }).id.toLowerCase() === id.toLowerCase()
    );
  } catch {
    return false;
  }
}

describe('any upstream body', () => {
  it('is answered 200 unchanged when it is a JSON object with the id asked for, else 502, and only the first is cached', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(body, async (template) => {
        const id = `body-${n++}`;
        const text = filledIn(template, id);
        h.upstream.answer((_call, res) => {
          res.writeHead(200, { 'content-type': 'application/json' }).end(text);
        });
        const raw = await h.app.request(`/api/file/${id}`, {
          headers: { authorization: 'Bearer fuzz' },
        });
        const summary = await h.app.request(`/api/file/${id}/summary`, {
          headers: { authorization: 'Bearer fuzz' },
        });
        const calls = h.upstream.calls.length;
        if (acceptable(text, id)) {
          expect(raw.status).toBe(200);
          expect(await raw.text()).toBe(text);
          expect(summary.status).toBe(200);
          await contractBody(summary, `/api/file/${id}/summary`);
          expect(summary.headers.get('cache-status')).toMatch(/^mdss-proxy; hit/);
        } else {
          expect(raw.status).toBe(502);
          await contractBody(raw, `/api/file/${id}`);
          expect(summary.status).toBe(502);
          // Rejected bodies are never stored: the summary request went upstream again.
          expect(summary.headers.get('cache-status')).toMatch(/fwd=uri-miss/);
          await summary.arrayBuffer();
        }
        expect(calls).toBeGreaterThan(0);
      }),
      { ...runs, numRuns: 200 },
    );
  });
});
