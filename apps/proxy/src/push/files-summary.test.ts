// GET /api/files/summary in the app, in front of a real upstream: entries in the order listed,
// each a summary or that file's problem, an entity tag over the whole answer, `Prefer: wait`
// held until any file changes (here, at a notification: the harness's clock stands still), and
// the id list's own problems. Every answer is held to the contract.
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../test/harness.ts';
import { listedFiles } from '../../test/upstream-server.ts';

const SECRET = 'notify-secret-of-some-length';
const id = (n: number) => `5e91c094efe27b00064895${String(n).padStart(2, '0')}`;
const [DONE, GONE, SCANNING] = [id(1), id(2), id(3)];

let h: Harness;
afterEach(() => h?.close());

const scanned = { now: false };
const answers = listedFiles(GONE, SCANNING, scanned);

async function started() {
  scanned.now = false;
  h = await startHarness({ config: { notifySecret: SECRET } });
  h.upstream.answer(answers);
}

const path = (ids: string[]) => `/api/files/summary?${ids.map((f) => `id=${f}`).join('&')}`;

describe('GET /api/files/summary', () => {
  it("answers each file's summary or problem, in the order listed, through the same cache", async () => {
    await started();
    const { status, headers, body } = await h.get(path([SCANNING, GONE, DONE]));
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('private, no-cache');
    expect(body.files.map((f: { id: string }) => f.id)).toEqual([SCANNING, GONE, DONE]);
    expect(body.files[0].summary.done).toBe(false);
    expect(body.files[1].problem.status).toBe(404);
    expect(body.files[2].summary.done).toBe(true);
    // Its files' own endpoints find them cached: no upstream call more.
    await h.get(`/api/file/${DONE}/summary`);
    expect(h.upstream.calls.length).toBe(3);
    const again = await h.get(path([SCANNING, GONE, DONE]), {
      headers: { 'if-none-match': headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
  });

  it('with Prefer: wait, holds the answer until a listed file changes', async () => {
    await started();
    const first = await h.get(path([DONE, SCANNING]));
    const etag = first.headers.get('etag') ?? '';
    const held = h.get(path([DONE, SCANNING]), {
      headers: { prefer: 'wait=30', 'if-none-match': etag },
    });
    // Until the file's watch is there, a notification has nobody to reach.
    while (h.app.hint(SCANNING) === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const before = h.upstream.calls.length;
    scanned.now = true;
    h.clock.advance(1);
    const response = await h.app.request('/hooks/mdss', {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET}` },
      body: JSON.stringify({ WebhookNotificationType: 'FileScanned', FileId: SCANNING }),
    });
    expect(response.status).toBe(204);
    const { status, headers, body } = await held;
    expect(status).toBe(200);
    expect(headers.get('preference-applied')).toBe('wait=30');
    expect(headers.get('etag')).not.toBe(etag);
    expect(body.files[1].summary.done).toBe(true);
    expect(h.upstream.calls.length - before).toBe(1);
  });

  it('answers at once when every listed file is done', async () => {
    await started();
    const first = await h.get(path([DONE]));
    const again = await h.get(path([DONE]), {
      headers: { prefer: 'wait=30', 'if-none-match': first.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get('preference-applied')).toBeNull();
  });

  it('refuses an unusable id list (400) or credential (401) without calling the upstream', async () => {
    await started();
    const many = Array.from({ length: 101 }, (_, n) => id(n));
    const refused = [
      await h.get('/api/files/summary'),
      await h.get(path(many)),
      await h.get(path([DONE, DONE])),
      await h.get(path(['..'])),
    ];
    expect(refused.map((r) => [r.status, r.body.type.split(':').at(-1)])).toEqual([
      [400, 'invalid-id-list'],
      [400, 'invalid-id-list'],
      [400, 'invalid-id-list'],
      [400, 'invalid-id'],
    ]);
    expect((await h.get(path([DONE]), { token: null })).status).toBe(401);
    expect(h.upstream.calls.length).toBe(0);
  });
});
