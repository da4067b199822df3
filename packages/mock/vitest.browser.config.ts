import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

// The mock in real headless Chromium from Debian (`apt-get install chromium`; .ci/run does),
// behind MSW's service worker, served from public/. The flags keep it off the network.
export default defineConfig({
  publicDir: 'public',
  test: {
    name: 'mock-browser',
    include: ['src/**/*.browser.test.ts'],
    testTimeout: 60_000,
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
