// Entry of the page. In development it answers from @mdss-kit/mock's service worker (the demo
// files, any token), so `pnpm --filter @mdss-kit/web dev` needs no server; VITE_MOCK=off or
// VITE_MDSS_MODE=proxy turn that off. The page's one QueryClient is made here.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { configFromEnv } from './config.ts';

const config = configFromEnv(import.meta.env, window.location.origin);

if (import.meta.env.DEV && import.meta.env.VITE_MOCK !== 'off' && config.upstream === 'mdss') {
  const [{ setupMdssWorker }, { demoFiles }] = await Promise.all([
    import('@mdss-kit/mock/browser'),
    import('@mdss-kit/mock'),
  ]);
  await setupMdssWorker({ files: demoFiles() }).start({ onUnhandledRequest: 'bypass' });
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={new QueryClient()}>
        <App config={config} />
      </QueryClientProvider>
    </StrictMode>,
  );
}
