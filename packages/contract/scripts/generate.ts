// `pnpm generate`: writes src/generated from the contracts in openapi/.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { renderGenerated } from './render-generated.ts';

for (const file of await renderGenerated()) {
  await mkdir(dirname(file.path), { recursive: true });
  await writeFile(file.path, file.text);
  console.log(`wrote ${file.name}`);
}
