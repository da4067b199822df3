import { presets, scenario } from '@mdss-kit/mock';
import { setupMdssWorker } from '@mdss-kit/mock/browser';
import { createRoot } from 'react-dom/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { App } from './App.tsx';

// The page's own origin, answered by the mock's service worker (public/mockServiceWorker.js).
const worker = setupMdssWorker({
  // MDSS itself, without the proxy's event stream: the page polls.
  events: false,
  files: {
    watched: scenario.processing({
      polls: 3,
      // biome-ignore lint/suspicious/noThenProperty: the scenario's option
      then: presets.infected({}, { name: 'invoice.pdf.exe' }),
    }),
  },
});
beforeAll(async () => {
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
});
afterAll(() => worker.stop());

describe('the scan watcher in real Chromium', () => {
  it('a person types an id, sees the progress bar move, then the verdict', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    createRoot(root).render(
      <App
        config={{
          baseUrl: window.location.origin,
          upstream: 'mdss',
          minDelayMs: 150,
          maxDelayMs: 300,
          maxWaitMs: 30_000,
        }}
      />,
    );

    await userEvent.fill(page.getByLabelText('File id'), 'watched');
    await userEvent.fill(page.getByLabelText('Token'), 'any-token');
    await userEvent.keyboard('{Enter}');

    // Sample the upload bar until the verdict shows: its value must rise along the way.
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
    expect(seen.size).toBeGreaterThan(1);

    await expect.element(page.getByRole('heading', { name: 'invoice.pdf.exe' })).toBeVisible();
    await expect.element(page.getByText('ClamAV: Eicar-Test-Signature')).toBeVisible();
    // The final state, kept as a test artifact.
    await page.screenshot({ path: '../test-results/scan-watcher-final.png' });
  });
});
