import { defineProject } from 'vitest/config';

// The Node setup: MSW's server in the test process. Chromium has vitest.browser.config.ts.
export default defineProject({
  test: {
    name: 'mock-examples',
    include: ['vitest-node/**/*.test.ts', 'readme.test.ts'],
    testTimeout: 30_000,
  },
});
