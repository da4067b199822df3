import { proxyContract } from '@mdss-kit/contract/validate';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupMdssServer } from './node.ts';
import { presets } from './presets.ts';
import { scenario } from './scenarios.ts';

const BASE = 'https://mdss.test';
const server = setupMdssServer({
  baseUrl: BASE,
  files: {
    // The same summary three polls running, then done: a held request waits out the repeats.
    p1: scenario.sequence(...Array(3).fill(presets.inProgress()), presets.clean()),
    c1: presets.clean(),
    i1: presets.infected(),
  },
});
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const summary = (ids: string[], headers: Record<string, string> = {}) =>
  fetch(`${BASE}/api/files/summary?${ids.map((id) => `id=${id}`).join('&')}`, {
    headers: { authorization: 'Bearer t', ...headers },
  });

describe('GET /api/files/summary from MSW', () => {
  it('answers each file’s summary or problem, in the order of the ids, as the contract says', async () => {
    const response = await summary(['i1', 'gone1', 'c1']);
    expect(response.status).toBe(200);
    const body = await response.json();
    proxyContract.assertResponse('/api/files/summary', 200, body);
    expect(body.files.map((entry: { id: string }) => entry.id)).toEqual(['i1', 'gone1', 'c1']);
    expect(body.files[0].summary).toMatchObject({ decision: 'blocked', done: true });
    expect(body.files[1].problem).toMatchObject({ status: 404 });
  });

  it('revalidates with its entity tag: 304 while nothing changed', async () => {
    const first = await summary(['c1', 'i1']);
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^"[0-9a-z-]+"$/);
    const again = await summary(['c1', 'i1'], { 'if-none-match': etag });
    expect(again.status).toBe(304);
  });

  it('holds a Prefer: wait until a listed file changes', async () => {
    const first = await summary(['c1', 'p1']);
    const etag = first.headers.get('etag') as string;
    const held = await summary(['c1', 'p1'], { 'if-none-match': etag, prefer: 'wait=10' });
    expect(held.status).toBe(200);
    expect(held.headers.get('preference-applied')).toBe('wait=10');
    expect(held.headers.get('etag')).not.toBe(etag);
    const body = await held.json();
    proxyContract.assertResponse('/api/files/summary', 200, body);
  });

  it('answers a Prefer: wait at once when every listed file is done', async () => {
    const response = await summary(['c1', 'i1', 'gone1'], { prefer: 'wait=30' });
    expect(response.status).toBe(200);
    expect(response.headers.get('preference-applied')).toBeNull();
  });

  it('refuses a list it cannot take with 400, and no bearer with 401', async () => {
    const twice = await summary(['c1', 'c1']);
    expect(twice.status).toBe(400);
    const contentType = twice.headers.get('content-type');
    proxyContract.assertResponse('/api/files/summary', 400, await twice.json(), { contentType });
    expect((await summary(['c1'], { authorization: '' })).status).toBe(401);
  });
});
