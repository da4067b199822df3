// Playwright: the page's requests to MDSS answered by the mock's handlers, in the test process.
import { createMdssHandlers, presets, scenario } from '@mdss-kit/mock';
import { getResponse } from 'msw';
import { expect, type Page, test } from 'playwright/test';

/** Answers the page's requests to `origin` from the handlers; `page` serves the app. */
async function mockMdss(
  page: Page,
  origin: string,
  handlers: ReturnType<typeof createMdssHandlers>,
) {
  await page.route(`${origin}/api/**`, async (route) => {
    const request = route.request();
    const response = await getResponse(
      handlers,
      new Request(request.url(), { method: request.method(), headers: await request.allHeaders() }),
    );
    if (!response) return route.fallback();
    await route.fulfill({
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: Buffer.from(await response.arrayBuffer()),
    });
  });
}

// Your app, at the origin it is served from; here a page that polls one file to its verdict.
const app = `<p id="state">scanning</p><script>
  (async function poll() {
    const r = await fetch('/api/file/abc', { headers: { authorization: 'Bearer demo' } });
    const file = await r.json();
    if (file.processingState === 0) return setTimeout(poll, 20);
    document.getElementById('state').textContent =
      file.scanResult.scanResults.scanAllResultI === 1 ? 'infected' : 'clean';
  })();
</script>`;

test('shows the verdict once the scan ends', async ({ page }) => {
  const origin = 'https://app.test';
  const handlers = createMdssHandlers({
    // biome-ignore lint/suspicious/noThenProperty: the scenario's option
    files: { abc: scenario.processing({ polls: 3, then: presets.infected() }) },
  });
  await mockMdss(page, origin, handlers);
  await page.route(`${origin}/`, (route) => route.fulfill({ contentType: 'text/html', body: app }));

  await page.goto(`${origin}/`);
  await expect(page.locator('#state')).toHaveText('infected');
});
