// Renders everything under src/generated from openapi/: shared by `pnpm generate`, which writes
// it, and by the drift test, which fails when the committed files differ from it.
import { fileURLToPath } from 'node:url';
import { bundle, createConfig } from '@redocly/openapi-core';
import openapiTS, { astToString } from 'openapi-typescript';

const root = new URL('../../../', import.meta.url);
const generatedDir = new URL('../src/generated/', import.meta.url);

/**
 * The contracts this package generates from, by the base name of their files. Only the upstream
 * contract defines code tables; the proxy's reuses them by `$ref`.
 */
export const contracts = [
  { name: 'mdss', codeTables: true },
  { name: 'proxy', codeTables: false },
] as const;

export interface GeneratedFile {
  /** Absolute path of the committed file. */
  path: string;
  /** Path relative to the repository root, for messages. */
  name: string;
  text: string;
}

const header = (source: string) =>
  `// Generated from openapi/${source}.yaml by \`pnpm generate\`. Do not edit by hand.\n`;

interface KnownCodes {
  enum: (number | string)[];
  'x-enum-varnames': string[];
  'x-enum-descriptions': string[];
}

/**
 * The contract names its open code tables in `Known<Name>` schemas; this turns each into a value
 * object (`ProcessingState.Available === 2`) and a label table, so the names have one source.
 */
function renderCodeTables(schemas: Record<string, unknown>): string {
  const lines: string[] = [];
  for (const [schemaName, schema] of Object.entries(schemas)) {
    if (!schemaName.startsWith('Known')) continue;
    const table = schema as KnownCodes;
    const name = schemaName.slice('Known'.length);
    const values = table.enum;
    const names = table['x-enum-varnames'];
    const labels = table['x-enum-descriptions'];
    if (names?.length !== values.length || labels?.length !== values.length) {
      throw new Error(
        `${schemaName}: enum, x-enum-varnames and x-enum-descriptions differ in length`,
      );
    }
    const literal = (value: number | string) => JSON.stringify(value);
    lines.push(
      '',
      `/** The values of \`${name}\` that the contract names. */`,
      `export const ${name} = {`,
      ...values.map((value, i) => `  ${names[i]}: ${literal(value)},`),
      '} as const;',
      '',
      `/** Labels of the known \`${name}\` values. */`,
      `export const ${name[0]?.toLowerCase()}${name.slice(1)}Labels: ReadonlyMap<${typeof values[0]}, string> = /* @__PURE__ */ new Map([`,
      ...values.map((value, i) => `  [${literal(value)}, ${literal(labels[i] as string)}],`),
      ']);',
    );
  }
  return lines.join('\n');
}

export async function renderGenerated(): Promise<GeneratedFile[]> {
  const config = await createConfig({});
  const files: GeneratedFile[] = [];
  for (const { name: contract, codeTables } of contracts) {
    const source = new URL(`openapi/${contract}.yaml`, root);
    const { bundle: document, problems } = await bundle({
      ref: fileURLToPath(source),
      config,
      dereference: true,
    });
    const errors = problems.filter((problem) => problem.severity === 'error');
    if (errors.length > 0) {
      throw new Error(`openapi/${contract}.yaml: ${errors.map((e) => e.message).join('; ')}`);
    }
    const types = astToString(await openapiTS(source, { emptyObjectsUnknown: true, silent: true }));
    const parsed = document.parsed as { components: { schemas: Record<string, unknown> } };
    const add = (fileName: string, text: string) => {
      const url = new URL(fileName, generatedDir);
      files.push({
        path: fileURLToPath(url),
        name: `packages/contract/src/generated/${fileName}`,
        text,
      });
    };
    add(`${contract}.ts`, header(contract) + types);
    add(`${contract}.openapi.json`, `${JSON.stringify(parsed, null, 2)}\n`);
    if (codeTables) {
      const tables = renderCodeTables(parsed.components.schemas);
      add(`${contract}-codes.ts`, `${header(contract)}${tables}\n`);
    }
  }
  return files;
}
