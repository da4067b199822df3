import { formatEvent } from '@mdss-kit/contract/events';
import { proxyContract } from '@mdss-kit/contract/validate';
import { presets, scenario } from '@mdss-kit/mock';
import { setupMdssServer } from '@mdss-kit/mock/node';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App } from './App.tsx';
import type { WatchConfig } from './config.ts';

const BASE = 'https://mdss.test';
const requested: string[] = [];
const server = setupMdssServer({
  baseUrl: BASE,
  // MDSS itself, without the proxy's event stream: the page polls.
  events: false,
  auth: { tokens: ['good'] },
  files: {
    clean: presets.clean({ name: 'report.pdf' }),
    infected: presets.infected(),
    // biome-ignore lint/suspicious/noThenProperty: the scenario's option
    progressing: scenario.processing({ polls: 2, then: presets.infected() }),
    failed: presets.failed('The storage unit is offline.'),
    canceled: presets.canceled({ scan: 40 }, { name: 'stopped.pdf' }),
    dlp: presets.dlp(),
    down: scenario.networkError(),
    stuck: presets.inProgress({ upload: 100, scan: 30 }),
  },
});
server.events.on('request:start', ({ request }) => {
  requested.push(new URL(request.url).pathname);
});
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
let queryClient = new QueryClient();
afterEach(() => {
  cleanup();
  queryClient.clear();
  queryClient = new QueryClient();
  server.resetHandlers();
  server.resetScenarios();
  requested.length = 0;
});
afterAll(() => server.close());

const config: WatchConfig = {
  baseUrl: BASE,
  upstream: 'mdss',
  minDelayMs: 5,
  maxDelayMs: 20,
  maxWaitMs: 10_000,
};

async function watch(id: string, token = 'good', given = config) {
  const user = userEvent.setup();
  // The page's QueryClient, as main.tsx provides it: a fresh one per test.
  render(<App config={given} />, {
    wrapper: ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    ),
  });
  await user.type(screen.getByLabelText('File id'), id);
  await user.type(screen.getByLabelText('Token'), token);
  await user.click(screen.getByRole('button', { name: 'Watch scan' }));
  return user;
}

describe('the scan watcher', () => {
  it('shows a clean file as allowed, with every engine in the table', async () => {
    await watch('clean');
    expect(await screen.findByText('✓ Allowed')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'report.pdf' })).toBeTruthy();
    const table = screen.getByRole('table', { name: 'All engines' });
    expect(within(table).getAllByRole('row')).toHaveLength(5);
  });

  it('shows an infected file as blocked, with the engines that detected it and the threat names', async () => {
    await watch('infected');
    expect(await screen.findByText('✕ Blocked')).toBeTruthy();
    const threats = screen.getByRole('list', { name: 'Threats found' });
    expect(within(threats).getByText('ClamAV: Eicar-Test-Signature')).toBeTruthy();
    expect(within(threats).getByText('ESET: Eicar test file')).toBeTruthy();
  });

  it('shows the progress bars while the file is in progress, then the verdict', async () => {
    await watch('progressing');
    const scanBar = await screen.findByRole('progressbar', { name: /Scan/ });
    expect(scanBar.getAttribute('aria-valuemin')).toBe('0');
    expect(await screen.findByText('✕ Blocked')).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(requested.filter((p) => p === '/api/file/progressing')).toHaveLength(3);
    // The result is terminal: the query polls no more (the pauses are 5 to 20 ms).
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(requested.filter((p) => p === '/api/file/progressing')).toHaveLength(3);
  });

  it('never shows a result fetched with one token after the token changed', async () => {
    const user = await watch('infected');
    expect(await screen.findByText('✕ Blocked')).toBeTruthy();
    await user.clear(screen.getByLabelText('Token'));
    await user.type(screen.getByLabelText('Token'), 'bad');
    await user.click(screen.getByRole('button', { name: 'Watch scan' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'MDSS did not accept the token',
    );
    expect(screen.queryByText('✕ Blocked')).toBeNull();
    expect(requested.filter((p) => p === '/api/file/infected')).toHaveLength(2);
  });

  it('shows a canceled file as canceled, never as allowed, and stops polling', async () => {
    await watch('canceled');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Canceled: the scan was stopped before it finished');
    expect(screen.queryByText('✓ Allowed')).toBeNull();
    expect(requested.filter((path) => path.endsWith('/canceled'))).toHaveLength(1);
  });

  it('shows a failed file’s message', async () => {
    await watch('failed');
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The storage unit is offline.',
    );
  });

  it('lists DLP hits with their certainty', async () => {
    await watch('dlp');
    const hits = await screen.findByRole('region', { name: 'Sensitive data' });
    expect(
      within(hits).getByText(/XXXX XXXX XXXX 1938 \(certainty Very High, 96\/100\)/),
    ).toBeTruthy();
  });

  it.each([
    ['a token MDSS refuses (401)', 'infected', 'bad', 'MDSS did not accept the token'],
    ['an unknown id (404)', 'nobody', 'good', 'MDSS knows no file with this id'],
    ['a network error', 'down', 'good', 'MDSS could not be reached'],
  ])('says what went wrong for %s, with a retry', async (_name, id, token, sentence) => {
    const user = await watch(id, token);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(sentence);
    const before = requested.length;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await expect.poll(() => requested.length).toBeGreaterThan(before);
  });

  it('says a failure of the page itself is one, not that MDSS is unreachable', async () => {
    const broken = {
      ...config,
      upstream: 'proxy' as const,
      // A bug in the page: reading its own settings throws.
      get maxWaitMs(): number {
        throw new TypeError('maxWaitMs is broken');
      },
    };
    await watch('clean', 'good', broken);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This page failed (TypeError: maxWaitMs is broken)');
    expect(alert.textContent).not.toContain('could not be reached');
    expect(requested).toEqual([]);
  });

  it('says when the scan takes longer than the page waits', async () => {
    await watch('stuck', 'good', { ...config, maxWaitMs: 300 });
    expect((await screen.findByRole('alert')).textContent).toContain(
      'MDSS took too long to answer',
    );
  });

  it('aborts the wait under way when the id changes', async () => {
    const user = await watch('stuck');
    await screen.findByRole('progressbar', { name: /Scan/ });
    await user.clear(screen.getByLabelText('File id'));
    await user.type(screen.getByLabelText('File id'), 'clean');
    await user.click(screen.getByRole('button', { name: 'Watch scan' }));
    expect(await screen.findByText('✓ Allowed')).toBeTruthy();
    const polls = requested.filter((p) => p === '/api/file/stuck').length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(requested.filter((p) => p === '/api/file/stuck')).toHaveLength(polls);
  });

  it("watches over the proxy's event stream when configured for it, and shows the proxy's summary", async () => {
    const summary = {
      id: 'clean',
      name: 'from the proxy',
      state: 'available',
      progress: {},
      done: true,
      decision: 'allowed',
      engines: { total: 1, detected: 0 },
      threats: [],
      sanitized: true,
      vulnerabilities: { count: 0 },
    };
    const data = JSON.stringify(summary);
    proxyContract.assertSchema('FileEvent', { event: 'done', id: '1', data });
    server.use(
      http.get(
        `${BASE}/api/file/:id/events`,
        () =>
          new HttpResponse(
            formatEvent({ retry: 10 }) + formatEvent({ id: '1', event: 'done', data }),
            {
              headers: { 'content-type': 'text/event-stream' },
            },
          ),
      ),
    );
    await watch('clean', 'good', { ...config, upstream: 'proxy' });
    expect(await screen.findByRole('heading', { name: 'from the proxy' })).toBeTruthy();
    expect(screen.getByText('✓ The file was sanitized (Deep CDR).')).toBeTruthy();
    // The stream, then the full result once; no polls, no summary request.
    expect(requested).toEqual(['/api/file/clean/events', '/api/file/clean']);
  });
});
