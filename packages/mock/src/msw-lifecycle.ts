// Scenario state follows MSW's own lifecycle: `resetHandlers()`, the reset every MSW suite already
// calls between tests, starts every scenario over too (MSW offers no hook for it, so the setup's
// own method is wrapped).
import type { MdssHandlers } from './handlers.ts';

interface ResettableSetup {
  // biome-ignore lint/suspicious/noExplicitAny: the handler types differ between msw/node and msw/browser
  resetHandlers(...nextHandlers: any[]): void;
}

/**
 * `setup` (MSW's setupServer or setupWorker) whose `resetHandlers()` also starts `handlers`'
 * scenarios over, with `resetScenarios()` for that alone.
 */
export function withScenarioResets<Setup extends ResettableSetup>(
  setup: Setup,
  handlers: MdssHandlers,
): Setup & { resetScenarios(): void } {
  const resetHandlers = setup.resetHandlers.bind(setup);
  return Object.assign(setup, {
    resetHandlers: (...nextHandlers: Parameters<Setup['resetHandlers']>) => {
      resetHandlers(...nextHandlers);
      handlers.reset();
    },
    resetScenarios: handlers.reset,
  });
}
