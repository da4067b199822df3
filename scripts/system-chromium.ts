// How the workspace's Vitest browser tests launch their browser: Debian's headless Chromium
// (`apt-get install chromium`; .ci/run does), so no browser is downloaded. The flags keep it off
// the network this machine does not have. Plain options, so this file needs no package.
export const systemChromium = {
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
};
