// The mock MDSS a test file runs against: listening for the file's tests, with every request that
// reaches it recorded, and each test starting from no override, every scenario over and an empty
// record.
import type { setupMdssServer } from '@mdss-kit/mock/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/**
 * Listens on `server` for this file's tests (an unhandled request fails the test) and records
 * each request as it starts: its path in `seen`, the request itself in `requests`, and an event
 * stream's `Last-Event-ID` (null when it sent none) in `lastEventIds`.
 */
export function recordRequests(server: ReturnType<typeof setupMdssServer>) {
  const seen: string[] = [];
  const requests: Request[] = [];
  const lastEventIds: (string | null)[] = [];
  server.events.on('request:start', ({ request }) => {
    const { pathname } = new URL(request.url);
    seen.push(pathname);
    requests.push(request);
    if (pathname.endsWith('/events')) lastEventIds.push(request.headers.get('last-event-id'));
  });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    // MSW's own reset starts the mock's scenarios over too (`@mdss-kit/mock`'s msw-lifecycle).
    server.resetHandlers();
    seen.length = 0;
    requests.length = 0;
    lastEventIds.length = 0;
  });
  afterAll(() => server.close());
  return { seen, requests, lastEventIds };
}
