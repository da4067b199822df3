// `tsx scripts/core-examples.ts <git dir of OPSWAT/metadefender-core-openapi3>`: derives
// fixtures/core-examples/ from every example in every version of MetaDefender Core's OpenAPI
// (AnalysisResult, each schema it references, and `GET /file/{data_id}`'s responses). Each is
// camel-cased as MDSS serves Core's result and placed at its position in the reference's
// example, so that the contract's tests hold what OPSWAT printed to the contract and `summarize`.
// Nothing of OPSWAT's files is kept but these derived bodies; run again to re-derive them.
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYaml } from '@redocly/openapi-core';
import mdss from '../src/generated/mdss.openapi.json' with { type: 'json' };

type Json = Record<string, unknown>;
type Schema = Json;

const REPOSITORY = 'OPSWAT/metadefender-core-openapi3';
const SCHEMAS = 'openapi/components/schemas';
const ROOT_SCHEMA = `${SCHEMAS}/AnalysisResult.yaml`;
const PATH_FILE = 'openapi/paths/file@{data_id}.yaml';
const out = new URL('../fixtures/core-examples/', import.meta.url);

const gitDir = process.argv[2];
if (!gitDir) throw new Error('usage: tsx scripts/core-examples.ts <git dir of the Core OpenAPI>');
const git = (...args: string[]) =>
  execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });

/** The files of one commit, parsed on first use; undefined where the file does not exist. */
function filesAt(commit: string) {
  const parsed = new Map<string, unknown>();
  return (path: string): unknown => {
    if (!parsed.has(path)) {
      let text: string | undefined;
      try {
        text = git('show', `${commit}:${path}`);
      } catch {
        text = undefined;
      }
      parsed.set(path, text === undefined ? undefined : parseYaml(text));
    }
    return parsed.get(path);
  };
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A file-relative `$ref` (`./DLPResponse.yaml`), as a path from the repository's root. */
const refPath = (from: string, ref: string) =>
  posix.normalize(posix.join(posix.dirname(from), ref));

/**
 * An example a schema's own `example` gives, read as the body it stands for: the first version of
 * DeepCDRDetails wrote it as a string of JSON for an object schema (OPSWAT then wrote the same
 * object out, "to properly reflect it in the json example section").
 */
function ownExample(schema: Schema): unknown {
  const example = schema.example;
  if (typeof example === 'string' && schema.type === 'object') return JSON.parse(example);
  return example;
}

/**
 * The example of `schema` as a documentation tool builds it: its own `example` when it has one
 * (unless `ownFirst` is false, for the example its properties make up), else its properties'
 * examples, its `allOf` parts' and its items', recursively; undefined where no example exists.
 */
function exampleOf(
  schema: Schema,
  file: string,
  read: (path: string) => unknown,
  ownFirst = true,
): unknown {
  if (typeof schema.$ref === 'string') {
    const target = refPath(file, schema.$ref);
    return exampleOf(read(target) as Schema, target, read);
  }
  if (ownFirst && 'example' in schema) return ownExample(schema);
  let example: Json | undefined;
  for (const part of (schema.allOf as Schema[] | undefined) ?? []) {
    const value = exampleOf(part, file, read);
    if (isObject(value)) example = { ...example, ...value };
    else if (value !== undefined) return value;
  }
  for (const [name, property] of Object.entries((schema.properties as Json | undefined) ?? {})) {
    const value = exampleOf(property as Schema, file, read);
    if (value !== undefined) example = { ...example, [name]: value };
  }
  if (example) return example;
  if (schema.type === 'array' && isObject(schema.items)) {
    const item = exampleOf(schema.items, file, read);
    return item === undefined ? undefined : [item];
  }
  return undefined;
}

/** Where each referenced schema file first sits in AnalysisResult, as a path of Core keys. */
function positions(read: (path: string) => unknown): Map<string, string[]> {
  const found = new Map<string, string[]>([[ROOT_SCHEMA, []]]);
  const walk = (schema: unknown, file: string, at: string[]) => {
    if (!isObject(schema)) return;
    if (typeof schema.$ref === 'string') {
      const target = refPath(file, schema.$ref);
      if (found.has(target)) return;
      found.set(target, at);
      walk(read(target), target, at);
      return;
    }
    for (const part of (schema.allOf as unknown[] | undefined) ?? []) walk(part, file, at);
    for (const [name, property] of Object.entries((schema.properties as Json | undefined) ?? {})) {
      walk(property, file, [...at, name]);
    }
    if (schema.type === 'array') walk(schema.items, file, [...at, '0']);
  };
  walk(read(ROOT_SCHEMA), ROOT_SCHEMA, []);
  return found;
}

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * Whether MDSS passes the keys below the Core path `at` on as Core writes them, as the contract
 * says it does: a DLP rule's matches (`display_name`, `certainty_score`), the vulnerability result.
 */
function keepsCoreKeys(at: string[]): boolean {
  const path = at.join('/');
  return /(^|\/)vulnerability_info(\/|$)/.test(path) || /(^|\/)hits\/[^/]+(\/|$)/.test(path);
}

/**
 * Core's JSON below the Core path `at` as MDSS serves it (the reference's example, the contract):
 * keys in camel case, and `scan_details` a list of engines, each named by `engineName`.
 */
function mdssCased(value: unknown, at: string[]): unknown {
  if (Array.isArray(value)) return value.map((item, i) => mdssCased(item, [...at, String(i)]));
  if (!isObject(value)) return value;
  if (at.at(-1) === 'scan_details') {
    return Object.entries(value).map(([engine, report]) => ({
      engineName: engine,
      ...(mdssCased(report, [...at, engine]) as Json),
    }));
  }
  // The keys of a `hits` map are names (DLP rules, `regex_1`), not fields.
  const keep = keepsCoreKeys(at) || at.at(-1) === 'hits';
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      keep ? key : camel(key),
      mdssCased(inner, [...at, key]),
    ]),
  );
}

/** The reference's example with `value` (MDSS-cased) at the Core path `at` of its scanResult. */
function placed(at: string[], value: unknown): Json {
  const body = structuredClone(mdss.components.examples.ReferenceResult.value) as Json;
  if (at.length === 0) {
    body.scanResult = mdssCased(value, at);
    return body;
  }
  let parent: Json | unknown[] = body.scanResult as Json;
  for (let i = 0; i < at.length - 1; i++) {
    const key = at[i] as string;
    const next = at[i + 1] as string;
    if (key === 'scan_details') {
      // The engine named `next`: its entry of MDSS's list (names compared without case), or a new one.
      const list = (parent as Json).scanDetails as Json[];
      const index = list.findIndex(
        (e) => String(e.engineName).toLowerCase() === next.toLowerCase(),
      );
      const entry = { engineName: next, ...(mdssCased(value, at) as Json) };
      if (at.length - 2 === i) {
        if (index < 0) list.push(entry);
        else list[index] = entry;
        return body;
      }
      throw new Error(`${at.join('/')}: a position inside an engine is not handled`);
    }
    const name = camel(key);
    const container = parent as Json;
    container[name] ??= /^\d+$/.test(next) ? [] : {};
    parent = container[name] as Json;
  }
  const last = at.at(-1) as string;
  const cased = mdssCased(value, at);
  if (Array.isArray(parent)) parent[Number(last)] = cased;
  else parent[keepsCoreKeys(at.slice(0, -1)) ? last : camel(last)] = cased;
  return body;
}

/** A Core path as a JSON pointer into MDSS's body; an engine is named, its list has no keys. */
function mdssPointer(at: string[]): string {
  const segments = ['', 'scanResult'];
  for (let i = 0; i < at.length; i++) {
    const key = at[i] as string;
    if (at[i - 1] === 'scan_details') return `${segments.join('/')} (the entry of engine ${key})`;
    segments.push(keepsCoreKeys(at.slice(0, i)) ? key : camel(key));
  }
  return segments.join('/');
}

interface Fixture {
  name: string;
  source: {
    repository: string;
    file: string;
    example: string;
    /** The first and the last commit that print this example, and how many do. */
    firstCommit: string;
    lastCommit: string;
    commits: number;
  };
  /** Where in the body the example sits. */
  at: string;
  status: number;
  body: unknown;
}

const fixtures = new Map<string, Fixture>();

function add(
  schemaName: string,
  kind: string,
  file: string,
  description: string,
  at: string,
  status: number,
  body: unknown,
  commit: string,
) {
  const key = `${schemaName}.${kind} ${JSON.stringify(body)}`;
  const known = fixtures.get(key);
  if (known) {
    known.source.lastCommit = commit;
    known.source.commits += 1;
    return;
  }
  fixtures.set(key, {
    name: `${schemaName}.${kind}@${commit.slice(0, 7)}`,
    source: {
      repository: REPOSITORY,
      file,
      example: description,
      firstCommit: commit,
      lastCommit: commit,
      commits: 1,
    },
    at,
    status,
    body,
  });
}

const kebab = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();

const commits = git('log', '--reverse', '--format=%H').trim().split('\n');
for (const commit of commits) {
  const read = filesAt(commit);
  if (read(ROOT_SCHEMA) === undefined) continue;
  for (const [file, at] of positions(read)) {
    const schema = read(file) as Schema;
    const name = kebab(posix.basename(file, '.yaml'));
    const pointer = mdssPointer(at);
    if ('example' in schema) {
      const body = placed(at, ownExample(schema));
      add(name, 'example', file, 'the schema’s own `example`', pointer, 200, body, commit);
    }
    if (isObject(schema.properties) || Array.isArray(schema.allOf)) {
      const example = exampleOf(schema, file, read, false);
      if (example !== undefined) {
        const body = placed(at, example);
        const what = 'the example its properties’ `example`s make up';
        add(name, 'properties', file, what, pointer, 200, body, commit);
      }
    }
  }
  const pathItem = read(PATH_FILE) as Json | undefined;
  const responses = (pathItem?.get as Json | undefined)?.responses as Json | undefined;
  for (const [status, entry] of Object.entries(responses ?? {})) {
    const ref = (entry as Json).$ref;
    const file = typeof ref === 'string' ? refPath(PATH_FILE, ref) : PATH_FILE;
    const response = (typeof ref === 'string' ? read(file) : entry) as Json;
    const media = (response.content as Json | undefined)?.['application/json'] as Json | undefined;
    if (media && 'example' in media) {
      const what = `the \`example\` of the ${status} response of \`GET /file/{data_id}\``;
      add(`response-${status}`, 'example', file, what, '', Number(status), media.example, commit);
    }
  }
}

await mkdir(out, { recursive: true });
for (const stale of await readdir(out)) await rm(new URL(stale, out));
for (const fixture of fixtures.values()) {
  await writeFile(new URL(`${fixture.name}.json`, out), `${JSON.stringify(fixture, null, 2)}\n`);
  console.log(`${fixture.name}: ${fixture.at || '(the body)'}, ${fixture.source.commits} commits`);
}
execFileSync('pnpm', ['exec', 'biome', 'format', '--write', fileURLToPath(out)], {
  stdio: 'inherit',
});
