import { defineConfig } from 'playwright/test';

// Playwright with Debian's Chromium (drop `executablePath` to use Playwright's own browsers).
export default defineConfig({
  testDir: 'playwright',
  reporter: 'list',
  use: {
    launchOptions: { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] },
  },
});
