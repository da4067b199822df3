import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

// Vitest's browser mode in headless Chromium (here Debian's; drop `executablePath` to use
// Playwright's own). MSW's worker script is served from the mock's public/ folder.
export default defineConfig({
  publicDir: '../public',
  test: {
    name: 'mock-examples-browser',
    include: ['vitest-browser/**/*.browser.test.ts'],
    testTimeout: 60_000,
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
        },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
