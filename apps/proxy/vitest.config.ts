import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'proxy',
    include: ['src/**/*.test.ts', 'conformance/*.test.ts', 'test/*.test.ts'],
    // Only a hang takes this long: the suites, fuzzing and real servers share two cores with other
    // work, and a test that takes seconds alone can take ten times that then.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // expect.poll and expect.element give up after 1 s by default: a busy machine can take that.
    expect: { poll: { timeout: 15_000 } },
  },
});
