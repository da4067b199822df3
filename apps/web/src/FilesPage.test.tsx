import { presets, scenario } from '@mdss-kit/mock';
import { setupMdssServer } from '@mdss-kit/mock/node';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WatchConfig } from './config.ts';
import { FilesPage } from './FilesPage.tsx';

// The list page against the mock in Node: through the proxy (the mock's many-file stream), and
// from MDSS itself (its 404 for the many-file routes: each file polled).
const BASE = 'https://mdss.test';
const requested: string[] = [];
const server = setupMdssServer({
  baseUrl: BASE,
  auth: { tokens: ['good'] },
  files: {
    // biome-ignore lint/suspicious/noThenProperty: the scenario's option
    quick: scenario.processing({ polls: 1, then: presets.clean() }),
    // biome-ignore lint/suspicious/noThenProperty: the scenario's option
    slow: scenario.processing({ polls: 3, then: presets.infected() }),
    stuck: presets.inProgress({ upload: 100, scan: 40 }),
  },
});
server.events.on('request:start', ({ request }) => {
  requested.push(new URL(request.url).pathname);
});
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  requested.length = 0;
});
afterAll(() => server.close());

const config: WatchConfig = {
  baseUrl: BASE,
  upstream: 'proxy',
  minDelayMs: 5,
  maxDelayMs: 20,
  maxWaitMs: 10_000,
};

async function watch(ids: string, token = 'good', given = config) {
  const user = userEvent.setup();
  render(<FilesPage config={given} />);
  await user.type(screen.getByLabelText('File ids'), ids);
  await user.type(screen.getByLabelText('Token'), token);
  await user.click(screen.getByRole('button', { name: 'Watch files' }));
}

const row = (id: string) => screen.getByRole('row', { name: id });

describe('the list of files', () => {
  it.each<[string, WatchConfig['upstream'], string[]]>([
    ['through the proxy, on one stream', 'proxy', ['/api/files/events']],
    ['from MDSS, long-polling the summary', 'mdss', ['/api/files/summary']],
  ])('shows one row per file, each ending on its own, %s', async (_, upstream, paths) => {
    // Pasted with commas, spaces, new lines and an id twice: one row per file, in order.
    await watch('quick, slow\nunknown  quick', 'good', { ...config, upstream });
    expect(await screen.findByText('3 of 3 files ended.')).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Watched files' });
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.getAttribute('aria-label')),
    ).toEqual(['quick', 'slow', 'unknown']);
    expect(within(row('quick')).getByText('✓ Allowed — No Threat Detected')).toBeTruthy();
    expect(within(row('slow')).getByText('✕ Blocked — Infected')).toBeTruthy();
    expect(within(row('unknown')).getByText(/MDSS knows no file with this id/)).toBeTruthy();
    expect(new Set(requested)).toEqual(new Set(paths));
  });

  it('keeps a file in progress live while the others end', async () => {
    await watch('stuck quick');
    expect(await screen.findByText('1 of 2 files ended…')).toBeTruthy();
    const bar = within(row('stuck')).getByRole('progressbar', { name: 'Scan of stuck' });
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    expect(within(row('stuck')).getByText('Upload 100 %, scan 40 %')).toBeTruthy();
    expect(within(row('quick')).getByText(/✓ Allowed/)).toBeTruthy();
  });

  it('polls each file from MDSS itself, which has no many-file routes', async () => {
    server.use(
      http.get(`${BASE}/api/files/:route`, () =>
        HttpResponse.json({ err: 'Not Found' }, { status: 404 }),
      ),
    );
    await watch('quick slow', 'good', { ...config, upstream: 'mdss' });
    expect(await screen.findByText('2 of 2 files ended.')).toBeTruthy();
    expect(within(row('slow')).getByText(/✕ Blocked/)).toBeTruthy();
    expect(requested).toContain('/api/file/slow');
  });

  it('says when the token is refused, the rows stopped', async () => {
    await watch('quick slow', 'bad');
    expect((await screen.findByRole('alert')).textContent).toMatch(/did not accept the token/);
    expect(within(row('quick')).getByText('Stopped: Waiting for the first answer')).toBeTruthy();
  });

  it('refuses a list of more than 100 ids before asking anything', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `f${i}`).join(' ');
    await watch(ids);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'List 1 to 100 file ids (got 101).',
    );
    expect(requested).toEqual([]);
  });
});
