// What an operator sees of MDSS's notifications: the counters of /metrics, and the warning (a log
// line, /readyz) when notifications are configured but watched files finish by polling alone.
import { afterEach, describe, expect, it } from 'vitest';
import { readEvents } from '../../test/event-stream.ts';
import { type Harness, ID, startHarness } from '../../test/harness.ts';
import { files } from '../../test/upstream-server.ts';
import { createMetrics } from '../observe/metrics.ts';
import { SILENT_FILES, SILENT_MS } from './notify-silence.ts';

const SECRET = 'notify-secret-of-some-length';
const id = (n: number) => `5e91c094efe27b00064895${String(n).padStart(2, '0')}`;

let h: Harness;
afterEach(() => h?.close());

const notify = (body: unknown, secret = SECRET) =>
  h.app.request('/hooks/mdss', {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** One stream of file `n`, read until it ends (the upstream answers done). */
async function watchToTheEnd(n: number) {
  const response = await h.app.request(`/api/file/${id(n)}/events`, {
    headers: { authorization: 'Bearer token-a' },
  });
  await readEvents(response).ended;
}

describe('notifications, as an operator sees them', () => {
  it('are counted: received, refused by reason, and the watches they made poll', async () => {
    const metrics = createMetrics({ processMetrics: false });
    h = await startHarness({ config: { notifySecret: SECRET }, observers: [metrics] });
    h.upstream.answer(files(0));
    const streams = ['token-a', 'token-b'].map(async (token) =>
      readEvents(
        await h.app.request(`/api/file/${ID}/events`, {
          headers: { authorization: `Bearer ${token}` },
        }),
      ).until(1),
    );
    await Promise.all(streams);
    expect((await notify({ WebhookNotificationType: 'FileScanned', FileId: ID })).status).toBe(204);
    expect((await notify({ WebhookNotificationType: 'ScanCompleted', ScanId: 's' })).status).toBe(
      204,
    );
    expect((await notify('x', 'a-wrong-secret-0123')).status).toBe(401);
    expect((await notify('x')).status).toBe(400);
    expect((await notify({ WebhookNotificationType: 'Other' })).status).toBe(422);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const text = await metrics.registry.metrics();
    expect(text).toContain('mdss_proxy_notifications_total 5');
    expect(text).toContain('mdss_proxy_notifications_refused_total{reason="unauthorized"} 1');
    expect(text).toContain('mdss_proxy_notifications_refused_total{reason="malformed"} 1');
    expect(text).toContain('mdss_proxy_notifications_refused_total{reason="unknown"} 1');
    expect(text).toContain('mdss_proxy_notifications_applied_total{source="hook"} 2');
    expect(text).toContain('mdss_proxy_notifications_applied_total{source="fleet"} 0');
  });

  it('warn once, in the log and on /readyz, when watched files keep finishing by polling alone', async () => {
    h = await startHarness({ config: { notifySecret: SECRET } });
    const silent = async () => (await h.get('/readyz')).body.notifications.silent;
    expect(await silent()).toBe(false);
    h.upstream.answer(files(2));
    h.clock.advance(SILENT_MS);
    for (let n = 0; n < SILENT_FILES; n++) await watchToTheEnd(n);
    const warnings = () => h.logs.filter((line) => line.level === 'warn');
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatchObject({ finished: SILENT_FILES });
    h.clock.advance(5000);
    expect(await silent()).toBe(true);
    await watchToTheEnd(SILENT_FILES);
    expect(warnings()).toHaveLength(1);
    // A notification clears it.
    expect((await notify({ WebhookNotificationType: 'ScanCompleted', ScanId: 's' })).status).toBe(
      204,
    );
    h.clock.advance(5000);
    const { body } = await h.get('/readyz');
    expect(body.notifications).toEqual({
      silent: false,
      lastReceivedAt: new Date(h.clock.time - 5000).toISOString(),
    });
  });

  it('stay quiet while notifications come, and are not reported without MDSS_NOTIFY_SECRET', async () => {
    h = await startHarness({ config: { notifySecret: SECRET } });
    h.upstream.answer(files(2));
    h.clock.advance(SILENT_MS);
    for (let n = 0; n < SILENT_FILES; n++) {
      await notify({ WebhookNotificationType: 'FileScanned', FileId: id(n) });
      await watchToTheEnd(n);
    }
    expect(h.logs.filter((line) => line.level === 'warn')).toEqual([]);
    await h.close();
    h = await startHarness();
    expect((await h.get('/readyz')).body.notifications).toBeUndefined();
  });
});
