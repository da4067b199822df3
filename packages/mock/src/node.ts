// MSW's setupServer with the MDSS handlers, for tests in Node.
import { setupServer } from 'msw/node';
import { createMdssHandlers, type MdssHandlersOptions } from './handlers.ts';

/** `server.listen()` before the tests, `server.resetScenarios()` between them, `server.close()` after. */
export function setupMdssServer(options: MdssHandlersOptions = {}) {
  const handlers = createMdssHandlers(options);
  return Object.assign(setupServer(...handlers), { resetScenarios: handlers.reset });
}
