// Demo mode: with MDSS_URL unset, the built-in mock MDSS (@mdss-kit/mock, built on MSW) answers
// as the upstream, so `pnpm start` works on a machine with no MDSS. It is imported here alone,
// and only then; the deployment builds leave it out (`--external`), so a deployed proxy carries
// neither the mock nor MSW, and such a build started without MDSS_URL says to set it. The mock
// is configured as an MDSS would be to notify the proxy (`/hooks/mdss`): a secret made at start
// (or MDSS_NOTIFY_SECRET's), sent as its static Authorization header, to the proxy's own URL
// once it listens (`notifyTo`).
import type { NotifyOptions } from '@mdss-kit/mock/server';
import type { LogLine } from '../http/access-log.ts';

export interface DemoUpstream {
  url: string;
  /** The secret the mock sends its notifications with: the proxy's MDSS_NOTIFY_SECRET. */
  notifySecret: string;
  /** Where the mock sends its notifications, from now on: the proxy's `/hooks/mdss`. */
  notifyTo(url: string): void;
  close(): Promise<void>;
}

/** 24 random bytes, base64url: a bearer token (RFC 6750 b64token). */
function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export async function startDemoUpstream(
  log: (line: LogLine) => void,
  fail: (message: string) => never,
  secret: string | undefined,
): Promise<DemoUpstream> {
  let mock: typeof import('@mdss-kit/mock/server');
  try {
    mock = await import('@mdss-kit/mock/server');
  } catch {
    fail(
      'mdss-proxy: MDSS_URL is not set, and this build has no demo mode (deployment builds leave the mock MDSS out): set MDSS_URL to your MDSS',
    );
  }
  const notifySecret = secret ?? randomSecret();
  // The mock reads `url` at each notification: it is the proxy's once the proxy listens.
  const notify: NotifyOptions = { url: '', headers: { authorization: `Bearer ${notifySecret}` } };
  const server = await mock.startMockServer({ port: 0, notify });
  log({
    level: 'info',
    msg: 'demo mode: MDSS_URL is not set, so the built-in mock MDSS answers as the upstream, and notifies the proxy when a scan ends',
    upstream: server.url,
    // Never the whole secret in a log line: enough to tell two apart.
    notifySecret: `${notifySecret.slice(0, 4)}…`,
    demoIds: mock.demoIds,
    webPage: 'VITE_MDSS_MODE=proxy pnpm --filter @mdss-kit/web dev',
  });
  return {
    url: server.url,
    notifySecret,
    notifyTo(url) {
      notify.url = url;
    },
    close: () => server.close(),
  };
}
