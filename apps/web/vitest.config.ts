import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';

// Component tests in Node (happy-dom) with @mdss-kit/mock/node; the browser tests have their
// own config (vitest.browser.config.ts): real Chromium, the mock's service worker.
export default defineProject({
  plugins: [react()],
  test: {
    name: 'web',
    environment: 'happy-dom',
    include: ['src/**/*.test.tsx'],
    exclude: ['src/**/*.browser.test.tsx'],
    setupFiles: ['src/test-setup.ts'],
    // Only a hang takes this long: the suites, fuzzing and real servers share two cores with other
    // work, and a test that takes seconds alone can take ten times that then.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // expect.poll and expect.element give up after 1 s by default: a busy machine can take that.
    expect: { poll: { timeout: 15_000 } },
  },
});
