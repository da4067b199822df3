// Demo mode: with MDSS_URL unset, the built-in mock MDSS (@mdss-kit/mock, built on MSW) answers
// as the upstream, so `pnpm start` works on a machine with no MDSS. It is imported here alone,
// and only then; the deployment builds leave it out (`--external`), so a deployed proxy carries
// neither the mock nor MSW, and such a build started without MDSS_URL says to set it.
import type { LogLine } from '../http/access-log.ts';

export async function startDemoUpstream(
  log: (line: LogLine) => void,
  fail: (message: string) => never,
): Promise<{ url: string; close(): Promise<void> }> {
  let mock: typeof import('@mdss-kit/mock/server');
  try {
    mock = await import('@mdss-kit/mock/server');
  } catch {
    fail(
      'mdss-proxy: MDSS_URL is not set, and this build has no demo mode (deployment builds leave the mock MDSS out): set MDSS_URL to your MDSS',
    );
  }
  const server = await mock.startMockServer({ port: 0 });
  log({
    level: 'info',
    msg: 'demo mode: MDSS_URL is not set, so the built-in mock MDSS answers as the upstream',
    upstream: server.url,
    demoIds: mock.demoIds,
    webPage: 'VITE_MDSS_MODE=proxy pnpm --filter @mdss-kit/web dev',
  });
  return server;
}
