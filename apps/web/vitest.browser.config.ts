import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { systemChromium } from '../../scripts/system-chromium.ts';

// The page in real headless Chromium (scripts/system-chromium.ts).
export default defineConfig({
  plugins: [react()],
  publicDir: '../../packages/mock/public',
  test: {
    name: 'web-browser',
    include: ['src/**/*.browser.test.tsx'],
    // Only a hang takes this long: the suites, fuzzing and real servers share two cores with other
    // work, and a test that takes seconds alone can take ten times that then.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // expect.poll and expect.element give up after 1 s by default: a busy machine can take that.
    expect: { poll: { timeout: 15_000 } },
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({ launchOptions: systemChromium }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
