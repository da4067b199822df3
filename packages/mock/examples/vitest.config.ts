import { defineProject } from 'vitest/config';

// The Node setup: MSW's server in the test process. Chromium has vitest.browser.config.ts.
export default defineProject({
  test: {
    name: 'mock-examples',
    include: ['vitest-node/**/*.test.ts', 'readme.test.ts'],
    // Only a hang takes this long: the suites, fuzzing and real servers share two cores with other
    // work, and a test that takes seconds alone can take ten times that then.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
