// MSW's setupWorker with the MDSS handlers, for the browser. The page must serve MSW's worker
// script at its root: copy `node_modules/@mdss-kit/mock/public/mockServiceWorker.js` into the
// public folder (or run `npx msw init public`), then `await worker.start()` before the app's
// first request. `worker.resetHandlers()` starts every scenario over too.
import { setupWorker } from 'msw/browser';
import { createMdssHandlers, type MdssHandlersOptions } from './handlers.ts';
import { withScenarioResets } from './msw-lifecycle.ts';

export function setupMdssWorker(options: MdssHandlersOptions = {}) {
  const handlers = createMdssHandlers(options);
  return withScenarioResets(setupWorker(...handlers), handlers);
}
