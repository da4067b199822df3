import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'mock',
    // Only a hang takes this long: the suites, fuzzing and real servers share two cores with other
    // work, and a test that takes seconds alone can take ten times that then.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
    // Chromium's tests have their own config (vitest.browser.config.ts).
    include: ['src/**/*.test.ts'],
    exclude: ['**/*.browser.test.ts', '**/node_modules/**'],
  },
});
