import { describe, expect, it } from 'vitest';
import { FILE_ID_MAX_LENGTH, fileIdProblem, isFileId, isSameFileId } from './file-id.ts';
import { mdssContract } from './validate.ts';

const valid = [
  '5e91c094efe27b0006489533',
  '0198f02f-ed4d-7c0d-8668-1036d322209c',
  'a',
  '...',
  '.hidden',
  'name with spaces',
  'ünïcødé-😀',
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
  ['a\u0000', 'the id contains the character U+0000'],
  ['a\u007f', 'the id contains the character U+007F'],
  ['\ud800x', 'the id contains the character U+D800'],
  ['a\ufffdb', 'the id contains the character U+FFFD'],
  ['x'.repeat(FILE_ID_MAX_LENGTH + 1), 'the id is longer than 128 characters'],
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

  it('rejects what is not a string', () => {
    expect(isFileId(42)).toBe(false);
    expect(isFileId(undefined)).toBe(false);
  });

  it('agrees with the contract’s FileId schema on every case', () => {
    for (const id of valid) expect(mdssContract.schemaErrors('FileId', id), id).toEqual([]);
    for (const [id] of invalid) expect(mdssContract.schemaErrors('FileId', id), id).not.toEqual([]);
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
