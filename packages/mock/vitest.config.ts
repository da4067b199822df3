import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'mock',
    // Generous: the suites run side by side on two cores, and fuzzing and real servers take time.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
    // Chromium's tests have their own config (vitest.browser.config.ts).
    include: ['src/**/*.test.ts'],
    exclude: ['**/*.browser.test.ts', '**/node_modules/**'],
  },
});
