import { presets, scenario } from '@mdss-kit/mock';
import { setupMdssWorker } from '@mdss-kit/mock/browser';
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { pageOnWorker } from '../test/page-on-worker.tsx';

// The list page in real headless Chromium, answered by the mock's service worker as the proxy:
// one many-file stream, a step every 100 ms.
const worker = setupMdssWorker({
  events: { intervalMs: 100 },
  files: {
    // biome-ignore lint/suspicious/noThenProperty: the scenario's option
    quick: scenario.processing({ polls: 1, then: presets.clean() }),
    // biome-ignore lint/suspicious/noThenProperty: the scenario's option
    slow: scenario.processing({ polls: 4, then: presets.infected() }),
    ...Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`bulk${i}`, scenario.processing({ polls: 2 })]),
    ),
  },
});
const { renderPage, recordRequests } = pageOnWorker(worker);

/** Renders the page through the proxy, opens the list view and pastes `ids`. */
async function watchList(ids: string) {
  const root = renderPage({ upstream: 'proxy', maxWaitMs: 60_000 });
  await userEvent.click(page.getByRole('link', { name: 'Many files' }));
  await userEvent.fill(page.getByLabelText('File ids'), ids);
  await userEvent.fill(page.getByLabelText('Token'), 'any-token');
  await userEvent.click(page.getByRole('button', { name: 'Watch files' }));
  return root;
}

/** The state cell of each row, by id. */
const rowStates = () =>
  Object.fromEntries(
    [...document.querySelectorAll('tbody tr')].map((row) => [
      row.getAttribute('aria-label'),
      row.querySelector('td')?.textContent ?? '',
    ]),
  );

describe('the list of files in real Chromium', () => {
  it('a person pastes ids and watches one live row per file, each ending on its own, on one stream', async () => {
    const { requested, stop } = recordRequests();
    const root = await watchList('quick\nslow\nunknown');
    // The slow file is seen in progress while the quick one has its verdict.
    await expect
      .poll(() => {
        const states = rowStates();
        return states.quick?.includes('✓ Allowed') && states.slow?.startsWith('Upload');
      })
      .toBe(true);
    await expect.element(page.getByText('3 of 3 files ended.')).toBeVisible();
    expect(rowStates()).toEqual({
      quick: '✓ Allowed — No Threat Detected',
      slow: '✕ Blocked — Infected',
      unknown: expect.stringMatching(/^⚠ MDSS knows no file with this id/),
    });
    stop();
    expect(requested.filter((path) => path.startsWith('/api/'))).toEqual(['/api/files/events']);
    // The many-file code came as a module of its own, with the first many-file wait.
    expect(requested.some((path) => path.endsWith('/follow-files.ts'))).toBe(true);
    await page.screenshot({ path: '../test-results/files-watcher-final.png' });
    root.remove();
  });

  it('watches 40 files on one connection, where 40 streams would stall on six', async () => {
    const { requested, stop } = recordRequests();
    const ids = Array.from({ length: 40 }, (_, i) => `bulk${i}`);
    const root = await watchList(ids.join(', '));
    await expect.element(page.getByText('40 of 40 files ended.')).toBeVisible();
    expect(Object.values(rowStates())).toEqual(Array(40).fill('✕ Blocked — Infected'));
    stop();
    expect(requested.filter((path) => path.startsWith('/api/'))).toEqual(['/api/files/events']);
    root.remove();
    window.location.hash = '';
  });
});
