import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'proxy',
    include: ['src/**/*.test.ts', 'conformance/*.test.ts'],
    // Generous: the suites run side by side on two cores, and fuzzing and real servers take time.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // expect.poll and expect.element give up after 1 s by default: a busy machine can take that.
    expect: { poll: { timeout: 15_000 } },
  },
});
