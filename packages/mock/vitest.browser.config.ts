import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { systemChromium } from '../../scripts/system-chromium.ts';

// The mock in real headless Chromium (scripts/system-chromium.ts), behind MSW's service worker,
// served from public/.
export default defineConfig({
  publicDir: 'public',
  test: {
    name: 'mock-browser',
    include: ['src/**/*.browser.test.ts'],
    // Only a hang takes this long: the suites, fuzzing and real servers share two cores with other
    // work, and a test that takes seconds alone can take ten times that then.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({ launchOptions: systemChromium }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
