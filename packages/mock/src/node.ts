// MSW's setupServer with the MDSS handlers, for tests in Node.
import { setupServer } from 'msw/node';
import { createMdssHandlers, type MdssHandlersOptions } from './handlers.ts';
import { withScenarioResets } from './msw-lifecycle.ts';

/**
 * `server.listen()` before the tests, `server.resetHandlers()` between them (which starts every
 * scenario over too; `server.resetScenarios()` does only that), `server.close()` after.
 */
export function setupMdssServer(options: MdssHandlersOptions = {}) {
  const handlers = createMdssHandlers(options);
  return withScenarioResets(setupServer(...handlers), handlers);
}
