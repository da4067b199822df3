// The page in headless Chromium against the mock's service worker, for the browser tests: the
// worker started for the file's tests, the page rendered as main.tsx renders it, and the paths
// of the requests it makes recorded.
import type { setupMdssWorker } from '@mdss-kit/mock/browser';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { afterAll, beforeAll } from 'vitest';
import { App } from '../src/App.tsx';
import type { WatchConfig } from '../src/config.ts';

/** Starts `worker` for this file's tests (a request it does not answer goes to the network). */
export function pageOnWorker(worker: ReturnType<typeof setupMdssWorker>) {
  beforeAll(async () => {
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  });
  afterAll(() => worker.stop());
  return {
    /** Renders the page on this origin, every scenario from its start; its root, to remove. */
    renderPage(config: Pick<WatchConfig, 'upstream' | 'maxWaitMs'>): HTMLElement {
      worker.resetScenarios();
      const root = document.createElement('div');
      document.body.append(root);
      createRoot(root).render(
        <QueryClientProvider client={new QueryClient()}>
          <App
            config={{
              baseUrl: window.location.origin,
              minDelayMs: 150,
              maxDelayMs: 300,
              ...config,
            }}
          />
        </QueryClientProvider>,
      );
      return root;
    },
    /** The paths of the requests the page makes from now on, until `stop`. */
    recordRequests() {
      const requested: string[] = [];
      const record = ({ request }: { request: Request }) =>
        requested.push(new URL(request.url).pathname);
      worker.events.on('request:start', record);
      return { requested, stop: () => worker.events.removeListener('request:start', record) };
    },
  };
}
