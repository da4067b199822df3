import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'client',
    // Only a hang takes this long: the suites, fuzzing and real servers share two cores with other
    // work, and a test that takes seconds alone can take ten times that then.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
  },
});
