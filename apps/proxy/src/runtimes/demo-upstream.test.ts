import { DEMO_RESTART_MS, demoIds } from '@mdss-kit/mock';
import { type ProxyProcess, startProxy } from '@mdss-kit/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvents } from '../../test/event-stream.ts';
import { contractBody } from '../../test/harness.ts';

// The README's examples, run as a user runs them against `pnpm start` (demo mode), more than
// once: the processing demo file shows its scan whenever it is watched.
let proxy: ProxyProcess;
beforeAll(async () => {
  proxy = await startProxy({});
});
afterAll(async () => {
  await proxy?.stop();
});

const headers = { authorization: 'Bearer demo' };
const summaryPath = `/api/file/${demoIds.processing}/summary`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The README's `curl -N …/events`: the events of one stream, to its end. */
async function watch(id: string = demoIds.processing): Promise<string[]> {
  const response = await fetch(`${proxy.url}/api/file/${id}/events`, { headers });
  expect(response.status).toBe(200);
  const reader = readEvents(response);
  await reader.ended;
  return reader.events.map((event) => event.event);
}

/** The README's metric: watches the mock's notifications (received here) made poll MDSS now. */
async function appliedNotifications(): Promise<number> {
  const text = await (await fetch(`${proxy.url}/metrics`)).text();
  const value = /^mdss_proxy_notifications_applied_total\{source="hook"\} (\d+)$/m.exec(text)?.[1];
  expect(value).toMatch(/^\d+$/);
  return Number(value);
}

describe('the processing demo file through the proxy', () => {
  it('shows its scan to the events and long-poll examples again after it finished', async () => {
    const first = await watch();
    expect(first[0]).toBe('progress');
    expect(first.at(-1)).toBe('done');

    // The finished result, as the proxy holds it: no longer than the mock said (max-age), not
    // CACHE_TTL_SECONDS (300 s).
    const finished = await fetch(`${proxy.url}${summaryPath}`, { headers });
    expect((await contractBody(finished, summaryPath)).done).toBe(true);
    const maxAge = Number(/max-age=(\d+)/.exec(finished.headers.get('cache-control') ?? '')?.[1]);
    expect(maxAge).toBeLessThanOrEqual(DEMO_RESTART_MS / 1000);

    // The README's long-poll once the scan has started over: held until the progress changes.
    // Until then it answers at once with the finished file; the deadline only stops a hang.
    const deadline = Date.now() + 60_000;
    let held: Response | undefined;
    while (!held && Date.now() < deadline) {
      const answer = await fetch(`${proxy.url}${summaryPath}`, {
        headers: { ...headers, prefer: 'wait=10' },
      });
      const summary = await contractBody(answer, summaryPath);
      if (!summary.done) held = answer;
      else await sleep(250);
    }
    expect(held?.headers.get('preference-applied')).toBe('wait=10');

    // And the events example shows the rest of that scan, to its end.
    const again = await watch();
    expect(again[0]).toBe('progress');
    expect(again.at(-1)).toBe('done');
  });

  it('is notified by the mock when a scan ends, with a secret the log never shows whole', async () => {
    const hooks = () =>
      proxy.lines.filter((line) => line.route === '/hooks/mdss' && line.status === 204);
    const before = hooks().length;
    const events = await watch();
    expect(events.at(-1)).toBe('done');
    // The mock sends its notification as its scan ends; the proxy answers it 204 at once.
    const deadline = Date.now() + 10_000;
    while (hooks().length === before && Date.now() < deadline) await sleep(50);
    expect(hooks().length).toBe(before + 1);
    const start = proxy.lines.find((line) => String(line.msg).startsWith('demo mode'));
    expect(start?.notifySecret).toMatch(/^.{4}…$/);
  });
});

describe('the timed demo file through the proxy', () => {
  it("has its verdict pushed by the mock's notification, which finds the stream still waiting for it", async () => {
    const before = await appliedNotifications();
    const events = await watch(demoIds.timed);
    expect(events[0]).toBe('progress');
    expect(events.at(-1)).toBe('done');
    // The scan ends on the mock's clock, between two of the watch's polls: the notification made
    // the stream's watch poll while it had no verdict yet (a watch that has one has ended, and a
    // notification then makes nothing poll), and that poll brought the `done` that ended it.
    expect(await appliedNotifications()).toBe(before + 1);
  });
});
