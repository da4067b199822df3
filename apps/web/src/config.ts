// Where the page finds MDSS, from Vite's environment: MDSS itself (the default) or the mdss-kit
// proxy, which adds the summary endpoint.

export type Upstream = 'mdss' | 'proxy';

export interface WatchConfig {
  baseUrl: string;
  upstream: Upstream;
  /** Polling, shortened in tests. */
  minDelayMs: number;
  maxDelayMs: number;
  maxWaitMs: number;
}

export function configFromEnv(
  env: Record<string, string | boolean | undefined>,
  origin: string,
): WatchConfig {
  return {
    baseUrl:
      typeof env.VITE_MDSS_BASE_URL === 'string' && env.VITE_MDSS_BASE_URL
        ? env.VITE_MDSS_BASE_URL
        : origin,
    upstream: env.VITE_MDSS_MODE === 'proxy' ? 'proxy' : 'mdss',
    minDelayMs: 1000,
    maxDelayMs: 5000,
    maxWaitMs: 10 * 60_000,
  };
}
