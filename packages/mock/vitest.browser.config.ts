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
    testTimeout: 60_000,
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({ launchOptions: systemChromium }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
