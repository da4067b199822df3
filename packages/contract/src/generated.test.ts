import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderGenerated } from '../scripts/render-generated.ts';

describe('src/generated', async () => {
  const files = await renderGenerated();

  it.each(files.map((file) => [file.name, file] as const))(
    '%s is what the contract generates',
    async (_name, file) => {
      const committed = await readFile(file.path, 'utf8').catch(() => '');
      expect(
        committed === file.text,
        `${file.name} is out of date with openapi/: run \`pnpm generate\` and commit the result`,
      ).toBe(true);
    },
  );
});
