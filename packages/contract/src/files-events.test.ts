import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summaryEventId } from './events/index.ts';
import {
  FILES_MAX,
  type FileEntry,
  FileTokens,
  filesEventId,
  holdsSummary,
  isOverToken,
  readFilesEventId,
  summaryToken,
  tokenAfter,
} from './files-events.ts';
import proxy from './generated/proxy.openapi.json' with { type: 'json' };
import { summarize } from './summarize.ts';
import { proxyContract } from './validate.ts';

const summary = (scan: number) =>
  summarize({ id: 'f1', processingState: 0, progress: { upload: 100, scan } });
const eventIdOf = (scan: number) => summaryEventId(JSON.stringify(summary(scan)));

describe('the multi-file shapes', () => {
  const mixed = proxy.components.examples.FilesSummaryMixed.value;

  it('the summary example validates, as the body and as the 200 of /api/files/summary', () => {
    expect(proxyContract.schemaErrors('FilesSummary', mixed)).toEqual([]);
    expect(proxyContract.responseErrors('/api/files/summary', 200, mixed)).toEqual([]);
  });

  it('an event carries a FileEntry as JSON text, a summary or a problem', () => {
    const [done, progress, problem] = mixed.files as FileEntry[];
    const id = filesEventId(['d', summaryToken(eventIdOf(40)), 'p']);
    for (const [event, entry] of [
      ['done', done],
      ['progress', progress],
      ['problem', problem],
    ]) {
      const data = JSON.stringify(entry);
      expect(proxyContract.schemaErrors('FilesEvent', { event, id, data })).toEqual([]);
    }
    const wrong = { event: 'progress', id, data: JSON.stringify(problem) };
    expect(proxyContract.schemaErrors('FilesEvent', wrong)).not.toEqual([]);
  });

  it('lists 1 to 100 ids, each once', () => {
    const ids = proxy.paths['/api/files/events'].get.parameters[0]?.schema;
    expect(ids).toMatchObject({ minItems: 1, maxItems: FILES_MAX, uniqueItems: true });
  });
});

describe('the multi-file event id', () => {
  it('is a FilesEventId for one file and for the most files, every token kind', () => {
    const kinds = ['n', 'd', 'p', summaryToken(eventIdOf(1))];
    const most = Array.from({ length: FILES_MAX }, (_, i) => kinds[i % 4] as string);
    for (const tokens of [['n'], most, Array(FILES_MAX).fill(summaryToken('x'))]) {
      expect(proxyContract.schemaErrors('FilesEventId', filesEventId(tokens))).toEqual([]);
    }
  });

  it('names a summary by five base-36 digits of its event id: the same id, the same token', () => {
    fc.assert(
      fc.property(fc.string(), (eventId) => {
        expect(summaryToken(eventId)).toMatch(/^[0-9a-z]{5}$/);
        expect(summaryToken(eventId)).toBe(summaryToken(eventId));
      }),
    );
    expect(summaryToken(eventIdOf(40))).not.toBe(summaryToken(eventIdOf(41)));
  });

  it('names an end outright, never by digest', () => {
    expect(tokenAfter('done', eventIdOf(100))).toBe(FileTokens.done);
    expect(tokenAfter('problem', 'problem-404')).toBe(FileTokens.problem);
    expect(tokenAfter('progress', eventIdOf(40))).toBe(summaryToken(eventIdOf(40)));
    expect([FileTokens.done, FileTokens.problem].every(isOverToken)).toBe(true);
    expect([FileTokens.nothing, summaryToken('x')].some(isOverToken)).toBe(false);
  });

  it('reads back every file’s token, and tells which summary a client holds', () => {
    const tokens = [FileTokens.nothing, summaryToken(eventIdOf(40)), FileTokens.done];
    const read = readFilesEventId(` ${filesEventId(tokens)} `, 3);
    expect(read).toEqual(tokens);
    expect(holdsSummary(read?.[1] as string, eventIdOf(40))).toBe(true);
    expect(holdsSummary(read?.[1] as string, eventIdOf(41))).toBe(false);
  });

  it.each([
    ['absent', undefined, 2],
    ['empty', '', 1],
    ['of another number of files', 'd.d', 3],
    ['with an unknown token', 'd.x', 2],
    ['with a digest of four digits', 'd.abcd', 2],
    ['with upper case', 'ABCDE', 1],
    ['a single-file EventId', '1a-2b3c4d', 1],
  ])('is ignored when %s', (_name, header, count) => {
    expect(readFilesEventId(header, count)).toBeUndefined();
  });
});
