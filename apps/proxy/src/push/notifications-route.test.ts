// POST/PUT /hooks/mdss in the app, in front of a real upstream on 127.0.0.1: off without its
// secret, every refusal changing nothing, a good notification answered at once and acted on as a
// hint (polls, never data), every answer held to the contract.
import { proxyContract } from '@mdss-kit/contract/validate';
import { afterEach, describe, expect, it } from 'vitest';
import { readEvents } from '../../test/event-stream.ts';
import { type Harness, ID, startHarness } from '../../test/harness.ts';
import { files } from '../../test/upstream-server.ts';

const SECRET = 'notify-secret-of-some-length';
const LEAK = 'leak-marker';

/** A File Scanned notification of `id`, every field MDSS sends carrying the marker. */
const fileScanned = (id: string) =>
  JSON.stringify({
    FileId: id,
    FileName: `${LEAK}-name.exe`,
    FilePath: `/${LEAK}/path`,
    FileStatus: 1,
    CoreScanResult: `${LEAK} Infected`,
    FileState: 3,
    RemediationResult: `${LEAK}-remediation`,
    ScanCompletedTimeStamp: '2026-11-24T10:00:00Z',
    WorkflowName: `${LEAK}-workflow`,
    Rules: [`${LEAK}-rule`],
    WebhookNotificationType: 'FileScanned',
  });

let h: Harness;
afterEach(() => h?.close());

async function notify(body: string, { secret = SECRET as string | null, method = 'POST' } = {}) {
  const response = await h.app.request('/hooks/mdss', {
    method,
    headers: secret === null ? {} : { authorization: `Bearer ${secret}` },
    body,
  });
  const text = await response.text();
  if (response.status !== 204) {
    proxyContract.assertResponse('/hooks/mdss', response.status, JSON.parse(text), {
      method: method.toLowerCase() as 'post',
      contentType: response.headers.get('content-type'),
    });
  }
  return { status: response.status, headers: response.headers, text };
}

const on = () => startHarness({ config: { notifySecret: SECRET } });

describe('POST /hooks/mdss', () => {
  it('is not there (404) without MDSS_NOTIFY_SECRET, whatever the method or secret', async () => {
    h = await startHarness();
    expect((await notify(fileScanned(ID))).status).toBe(404);
    expect((await notify(fileScanned(ID), { method: 'PUT', secret: null })).status).toBe(404);
  });

  it('refuses a wrong or missing secret with 401, and nothing changes', async () => {
    h = await on();
    h.upstream.answer(files(0));
    await h.get(`/api/file/${ID}`);
    for (const secret of [null, 'wrong-secret-of-some-length', `${SECRET}x`, SECRET.slice(1)]) {
      const refused = await notify(fileScanned(ID), { secret });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe(
        'Bearer realm="mdss-proxy notifications"',
      );
    }
    h.clock.advance(1);
    expect((await h.get(`/api/file/${ID}`)).headers.get('cache-status')).toMatch(/hit/);
    expect(h.upstream.calls.length).toBe(1);
  });

  it('marks the in-progress result stale: the next GET asks MDSS', async () => {
    h = await on();
    h.upstream.answer(files(0));
    await h.get(`/api/file/${ID}`);
    expect((await notify(fileScanned(ID))).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 0));
    h.clock.advance(1);
    h.upstream.answer(files(2));
    const { body } = await h.get(`/api/file/${ID}/summary`);
    expect(body.done).toBe(true);
    expect(h.upstream.calls.length).toBe(2);
  });

  it('refuses a body over 16 KiB (413), not JSON (400), of an unknown type (422); Scan Completed is 204', async () => {
    h = await on();
    const big = JSON.stringify({
      WebhookNotificationType: 'FileScanned',
      FileId: ID,
      pad: 'x'.repeat(17_000),
    });
    expect((await notify(big)).status).toBe(413);
    expect((await notify('{not json')).status).toBe(400);
    expect((await notify(JSON.stringify({ FileId: ID }))).status).toBe(400);
    expect(
      (await notify(JSON.stringify({ WebhookNotificationType: 'FileScanned', FileId: '..' })))
        .status,
    ).toBe(400);
    const unknown = await notify(
      JSON.stringify({ WebhookNotificationType: 'FileDeleted', FileId: ID }),
    );
    expect(unknown.status).toBe(422);
    expect(JSON.parse(unknown.text).detail).toContain('FileDeleted');
    const completed = await notify(
      JSON.stringify({ WebhookNotificationType: 'ScanCompleted', ScanId: 's' }),
    );
    expect(completed.status).toBe(204);
    expect(h.upstream.calls.length).toBe(0);
  });

  it('takes PUT as POST, and answers other methods 405 with Allow', async () => {
    h = await on();
    expect((await notify(fileScanned(ID), { method: 'PUT' })).status).toBe(204);
    const get = await h.app.request('/hooks/mdss', {
      headers: { authorization: `Bearer ${SECRET}` },
    });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, PUT');
  });

  it("ends a stream's wait with one more poll, and never serves or logs the body or the secret", async () => {
    h = await on();
    h.upstream.answer(files(0));
    const response = await h.app.request(`/api/file/${ID}/events`, {
      headers: { authorization: 'Bearer token-a' },
    });
    const stream = readEvents(response);
    await stream.until(1);
    h.upstream.answer(files(2));
    // The harness's clock stands still: the in-progress entry would stay fresh for ever, so
    // only the notification can make the watch ask MDSS again.
    expect((await notify(fileScanned(ID.toUpperCase()))).status).toBe(204);
    await stream.ended;
    expect(stream.events.map((e) => e.event)).toEqual(['progress', 'done']);
    expect(h.upstream.calls.length).toBe(2);
    const answers = [
      JSON.stringify(stream.events),
      JSON.stringify((await h.get(`/api/file/${ID}`)).body),
      JSON.stringify((await h.get(`/api/file/${ID}/summary`)).body),
    ];
    for (const seen of [...answers, JSON.stringify(h.logs)]) {
      expect(seen).not.toContain(LEAK);
      expect(seen).not.toContain(SECRET);
    }
    const hook = h.logs.filter((line) => 'route' in line && line.route === '/hooks/mdss');
    expect(hook).toMatchObject([{ method: 'POST', status: 204 }]);
  });
});
