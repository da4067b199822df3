import { RE2 } from 're2-wasm';
import { describe, expect, it } from 'vitest';
import { FILE_ID_MAX_LENGTH, fileIdProblem, isFileId, isSameFileId } from './file-id.ts';
import mdss from './generated/mdss.openapi.json' with { type: 'json' };
import proxy from './generated/proxy.openapi.json' with { type: 'json' };
import { mdssContract } from './validate.ts';

const valid = [
  '5e91c094efe27b0006489533',
  '0198f02f-ed4d-7c0d-8668-1036d322209c',
  'a',
  ' ',
  '...',
  '.hidden',
  'a.',
  'name with spaces',
  'ünïcødé-😀',
  '\u0085 a C1 control',
  'private \ue000 use',
  'noncharacters \ufffe \uffff \u{10ffff}',
  '𐀀 the first astral code point',
  'x'.repeat(FILE_ID_MAX_LENGTH),
  '😀'.repeat(FILE_ID_MAX_LENGTH),
];

const invalid: [string, string][] = [
  ['', 'the id is empty'],
  ['.', "the id '.' is a relative path segment"],
  ['..', "the id '..' is a relative path segment"],
  ['a/b', "the id contains '/'"],
  ['..\\..\\etc', "the id contains '\\'"],
  ['a?b=1', "the id contains '?'"],
  ['a#frag', "the id contains '#'"],
  ['%2e%2e', "the id contains '%'"],
  ['a\nb', 'the id contains the character U+000A'],
  ['abc\n', 'the id contains the character U+000A'],
  ['\tabc', 'the id contains the character U+0009'],
  ['a\u0000', 'the id contains the character U+0000'],
  ['a\u001f', 'the id contains the character U+001F'],
  ['a\u007f', 'the id contains the character U+007F'],
  ['a\ufffdb', 'the id contains the character U+FFFD'],
  ['x'.repeat(FILE_ID_MAX_LENGTH + 1), 'the id is longer than 128 characters'],
  ['😀'.repeat(FILE_ID_MAX_LENGTH + 1), 'the id is longer than 128 characters'],
];

/**
 * Ids no URL can carry: unpaired surrogates are not UTF-8 (`encodeURIComponent` throws on them).
 * `fileIdProblem` refuses them before a request is built; the schema, which describes the wire,
 * does not name them (see its description), so they are not in the engines' corpus below.
 */
const unsendable: [string, string][] = [
  ['\ud800x', 'the id contains the character U+D800'],
  ['x\udfff', 'the id contains the character U+DFFF'],
  ['\ude00😀', 'the id contains the character U+DE00'],
];

describe('fileIdProblem', () => {
  it.each(valid)('accepts %j', (id) => {
    expect(fileIdProblem(id)).toBeUndefined();
    expect(isFileId(id)).toBe(true);
  });

  it.each(invalid)('rejects %j: %s', (id, problem) => {
    expect(fileIdProblem(id)).toBe(problem);
    expect(isFileId(id)).toBe(false);
  });

  it.each(unsendable)('rejects %j, which no URL can carry: %s', (id, problem) => {
    expect(fileIdProblem(id)).toBe(problem);
    expect(() => encodeURIComponent(id)).toThrow(URIError);
  });

  it('rejects what is not a string', () => {
    expect(isFileId(42)).toBe(false);
    expect(isFileId(undefined)).toBe(false);
  });
});

type Schema = Record<string, unknown>;
const fileIdSchema = mdss.components.schemas.FileId as Schema;

/**
 * A string as an RE2-family validator (Go's, Rust's) holds it: UTF-8, where a lone surrogate
 * cannot exist and a decoder puts U+FFFD in its place (Go's does; Rust's JSON refuses it).
 * re2-wasm itself would garble one: its UTF-8 conversion pairs it with the next code unit.
 */
const asUtf8 = (id: string) => new TextDecoder().decode(new TextEncoder().encode(id));

/**
 * The FileId schema evaluated as a validator built on RE2 would: its `pattern` by RE2, lengths in
 * code points. It knows only the keywords the schema uses, so a new keyword fails the test
 * instead of being skipped.
 */
function re2Verdict(schema: Schema, id: string): boolean {
  const verdicts: Record<string, (value: unknown) => boolean> = {
    type: (type) => type === 'string',
    description: () => true,
    minLength: (min) => [...id].length >= (min as number),
    maxLength: (max) => [...id].length <= (max as number),
    pattern: (pattern) => new RE2(pattern as string, 'u').test(asUtf8(id)),
    not: (not) => {
      const keys = Object.keys(not as Schema);
      if (keys.join() !== 'enum') throw new Error(`not: ${keys.join()} is not evaluated here`);
      return !((not as { enum: unknown[] }).enum as unknown[]).includes(id);
    },
  };
  return Object.entries(schema).every(([keyword, value]) => {
    const verdict = verdicts[keyword];
    if (!verdict)
      throw new Error(`the FileId schema uses ${keyword}, which this test does not evaluate`);
    return verdict(value);
  });
}

/** Every `pattern` in a document, with where it is. */
function patternsIn(node: unknown, at = ''): [string, string][] {
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === 'pattern' && typeof value === 'string'
      ? [[at, value] as [string, string]]
      : patternsIn(value, `${at}/${key}`),
  );
}

describe('one rule for file ids, whichever engine reads it', () => {
  const corpus = [
    ...valid.map((id) => [id, true] as const),
    ...invalid.map(([id]) => [id, false] as const),
  ];

  it.each(corpus)('%j: Ajv, RE2 and fileIdProblem all say %s', (id, accepted) => {
    expect(mdssContract.schemaErrors('FileId', id).length === 0, 'Ajv').toBe(accepted);
    expect(re2Verdict(fileIdSchema, id), 'RE2').toBe(accepted);
    expect(fileIdProblem(id) === undefined, 'fileIdProblem').toBe(accepted);
  });

  it.each([...patternsIn(mdss, 'mdss.yaml'), ...patternsIn(proxy, 'proxy.yaml')])(
    '%s: RE2 compiles the pattern as written, needing no translation from re2-wasm',
    (_at, pattern) => {
      // re2-wasm rewrites `\u`, `\c` and `(?<` before RE2 sees them: Go and Rust would not.
      expect(pattern).not.toMatch(/\\[uc]|\(\?</);
      expect(() => new RE2(pattern, 'u')).not.toThrow();
    },
  );

  it.each(unsendable)('%j as UTF-8 holds U+FFFD, which Ajv and RE2 both refuse', (id) => {
    expect(asUtf8(id)).toContain('\ufffd');
    expect(mdssContract.schemaErrors('FileId', asUtf8(id))).not.toEqual([]);
    expect(re2Verdict(fileIdSchema, id)).toBe(false);
  });

  it('RE2 refuses what the old pattern used (a lookahead), so the test can tell', () => {
    expect(() => new RE2('^(?!\\.\\.?$)[^/]+$', 'u')).toThrow(/invalid perl operator/);
  });
});

describe('isSameFileId', () => {
  it('matches an id answered in another case (hex, UUID)', () => {
    expect(isSameFileId('5E91C094EFE27B0006489533', '5e91c094efe27b0006489533')).toBe(true);
    expect(
      isSameFileId('0198F02F-ED4D-7C0D-8668-1036D322209C', '0198f02f-ed4d-7c0d-8668-1036d322209c'),
    ).toBe(true);
  });

  it("refuses another file's id", () => {
    expect(isSameFileId('5e91c094efe27b0006489534', '5e91c094efe27b0006489533')).toBe(false);
    expect(isSameFileId('', 'a')).toBe(false);
  });
});
