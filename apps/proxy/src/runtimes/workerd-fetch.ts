// Workers only: the upstream GET over workerd's fetch, asked once more when the connection is
// lost before any answer. workerd pools connections to an origin and, unlike Bun's and Deno's
// fetch, does not retry a request whose pooled connection the upstream closed just as it was
// reused (an idle keep-alive socket timed out: Node's http server does it after 5 s); it rejects
// with "Network connection lost." and marks the error `retryable`.
import type { UpstreamFetch } from '../upstream/request.ts';

const isRetryable = (error: unknown) =>
  error instanceof Error && (error as { retryable?: unknown }).retryable === true;

/**
 * `fetch`, with a GET that failed before any response and that workerd calls retryable sent
 * once more (a GET is idempotent, and nothing came back). workerd does not say whether the
 * connection was reused, so a refused connection is tried twice too: one more attempt, at once.
 */
export const fetchOnWorkerd: UpstreamFetch = async (url, init) => {
  try {
    return await fetch(url, init);
  } catch (error) {
    const isGet = (init.method ?? 'GET') === 'GET';
    if (!isGet || init.signal?.aborted || !isRetryable(error)) throw error;
    return fetch(url, init);
  }
};
