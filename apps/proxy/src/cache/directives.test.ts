import { describe, expect, it } from 'vitest';
import { NO_DIRECTIVES, readDirectives } from './directives.ts';

const read = (headers: Record<string, string>) => readDirectives((name) => headers[name] ?? null);

describe('readDirectives (RFC 9111 §5)', () => {
  it.each<[string, Record<string, string>, Partial<ReturnType<typeof read>>]>([
    ['nothing said', {}, NO_DIRECTIVES],
    ['no-store', { 'cache-control': 'no-store' }, { storable: false, limiting: true }],
    ['private (a shared cache)', { 'cache-control': 'private, max-age=60' }, { storable: false }],
    ['Vary: *', { vary: 'Accept, *' }, { storable: false }],
    ['Vary on a header', { vary: 'Accept-Encoding' }, { storable: true, limiting: false }],
    ['max-age', { 'cache-control': 'max-age=60' }, { freshMs: 60_000, staleAllowed: true }],
    ['max-age=0', { 'cache-control': 'max-age=0' }, { freshMs: 0, staleAllowed: true }],
    [
      's-maxage over max-age, no stale',
      { 'cache-control': 'max-age=600, s-maxage=30' },
      { freshMs: 30_000, staleAllowed: false },
    ],
    ['no-cache', { 'cache-control': 'no-cache' }, { freshMs: 0, staleAllowed: false }],
    ['Pragma: no-cache alone', { pragma: 'no-cache' }, { freshMs: 0, staleAllowed: false }],
    [
      'Pragma under a Cache-Control',
      { pragma: 'no-cache', 'cache-control': 'max-age=60' },
      { freshMs: 60_000 },
    ],
    [
      'must-revalidate',
      { 'cache-control': 'max-age=60, must-revalidate' },
      { staleAllowed: false },
    ],
    ['less its Age', { 'cache-control': 'max-age=60', age: '45' }, { freshMs: 15_000 }],
    ['older than it may be', { 'cache-control': 'max-age=60', age: '90' }, { freshMs: 0 }],
    [
      'Expires less Date',
      { expires: 'Wed, 25 Nov 2026 10:01:00 GMT', date: 'Wed, 25 Nov 2026 10:00:00 GMT' },
      { freshMs: 60_000 },
    ],
    ['an Expires that is not a date', { expires: '0' }, { freshMs: 0 }],
    ['case and spaces', { 'cache-control': ' No-Store , MAX-AGE="5"' }, { storable: false }],
    ['a max-age that is not a number', { 'cache-control': 'max-age=soon' }, { freshMs: undefined }],
  ])('%s', (_name, headers, expected) => {
    expect(read(headers)).toMatchObject(expected);
  });
});
