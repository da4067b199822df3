// The mock's README shows these setups verbatim: a change to one that the README lacks fails here.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const shown = [
  'vitest-node/scan.test.ts',
  'vitest.browser.config.ts',
  'vitest-browser/replay.browser.test.ts',
  'playwright/scan.spec.ts',
];

describe('the mock’s README', () => {
  it.each(shown)('shows %s exactly as it runs', async (file) => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const source = (await readFile(new URL(file, import.meta.url), 'utf8')).trimEnd();
    expect(readme).toContain(`\`\`\`ts\n${source}\n\`\`\``);
  });
});
