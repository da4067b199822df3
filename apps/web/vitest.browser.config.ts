import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

// Real headless Chromium from Debian (`apt-get install chromium`; .ci/run does): no browser is
// downloaded. The flags keep it off the network this machine does not have.
export default defineConfig({
  plugins: [react()],
  publicDir: '../../packages/mock/public',
  test: {
    name: 'web-browser',
    include: ['src/**/*.browser.test.tsx'],
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
