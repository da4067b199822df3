import { presets, scenario } from '@mdss-kit/mock';
import { setupMdssWorker } from '@mdss-kit/mock/browser';
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { pageOnWorker } from '../test/page-on-worker.tsx';

// The page's own origin, answered by the mock's service worker (public/mockServiceWorker.js).
const worker = setupMdssWorker({
  // The proxy's event stream too, a step every 300 ms, so that a person could watch it move.
  events: { intervalMs: 300 },
  files: {
    watched: scenario.processing({
      polls: 3,
      // biome-ignore lint/suspicious/noThenProperty: the scenario's option
      then: presets.infected({}, { name: 'invoice.pdf.exe' }),
    }),
  },
});
const { renderPage, recordRequests } = pageOnWorker(worker);

/** Renders the page against the mock in `upstream` mode, and asks for the file `watched`. */
async function watchInPage(upstream: 'mdss' | 'proxy') {
  const root = renderPage({ upstream, maxWaitMs: 30_000 });
  await userEvent.fill(page.getByLabelText('File id'), 'watched');
  await userEvent.fill(page.getByLabelText('Token'), 'any-token');
  await userEvent.keyboard('{Enter}');
  return root;
}

/** Samples the progress bar until the verdict shows: the values it took on the way. */
async function progressUntilVerdict(): Promise<Set<string>> {
  const seen = new Set<string>();
  await expect
    .poll(
      () => {
        const bar = document.querySelector('[role="progressbar"]');
        const value = bar?.getAttribute('aria-valuenow');
        if (value) seen.add(value);
        return document.body.textContent?.includes('✕ Blocked') ?? false;
      },
      { timeout: 20_000, interval: 20 },
    )
    .toBe(true);
  return seen;
}

describe('the scan watcher in real Chromium', () => {
  it('a person types an id, sees the progress bar move, then the verdict (MDSS, polled by TanStack Query)', async () => {
    const { requested, stop } = recordRequests();
    const root = await watchInPage('mdss');
    expect((await progressUntilVerdict()).size).toBeGreaterThan(1);
    await expect.element(page.getByRole('heading', { name: 'invoice.pdf.exe' })).toBeVisible();
    await expect.element(page.getByText('ClamAV: Eicar-Test-Signature')).toBeVisible();
    // Three answers in progress, then the result; the query polls no more once it is terminal
    // (a pause is at most 300 ms).
    await new Promise((resolve) => setTimeout(resolve, 1000));
    stop();
    expect(requested.filter((path) => path.startsWith('/api/'))).toEqual(
      Array(4).fill('/api/file/watched'),
    );
    // The final state, kept as a test artifact.
    await page.screenshot({ path: '../test-results/scan-watcher-final.png' });
    root.remove();
  });

  it('through the proxy, the progress bar moves with the event stream, then the verdict', async () => {
    const { requested, stop } = recordRequests();
    const root = await watchInPage('proxy');
    expect((await progressUntilVerdict()).size).toBeGreaterThan(1);
    await expect.element(page.getByRole('heading', { name: 'invoice.pdf.exe' })).toBeVisible();
    stop();
    // One stream, then the full result once: no polls. (The client's stream reader came as a
    // module of its own on the way: it loads with the first stream.)
    expect(requested.filter((path) => path.startsWith('/api/'))).toEqual([
      '/api/file/watched/events',
      '/api/file/watched',
    ]);
    expect(requested.some((path) => path.endsWith('/stream-file.ts'))).toBe(true);
    await page.screenshot({ path: '../test-results/scan-watcher-stream.png' });
    root.remove();
  });
});
