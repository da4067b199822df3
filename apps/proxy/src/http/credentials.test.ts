import { describe, expect, it } from 'vitest';
import { bearerToken, jwtExpiry } from './credentials.ts';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('bearerToken', () => {
  it.each([
    ['Bearer abc.def-ghi_jkl~mno+pqr/stu==', 'abc.def-ghi_jkl~mno+pqr/stu=='],
    ['bearer lower-case-scheme', 'lower-case-scheme'],
    ['Bearer   spaced', 'spaced'],
  ])('reads the token of %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it.each([
    undefined,
    null,
    '',
    'Bearer',
    'Bearer ',
    'Basic dXNlcjpwYXNz',
    'Bearer two words',
    'Bearer a,b',
    'Bearer "quoted"',
    'Bearer tok\u00e9n',
    `Bearer ${'a'.repeat(20_000)}`,
    'Token abc',
  ])('refuses %j', (header) => {
    expect(bearerToken(header)).toBeUndefined();
  });
});

describe('jwtExpiry', () => {
  it('reads exp, in milliseconds', () => {
    expect(jwtExpiry(`${encode({ alg: 'none' })}.${encode({ exp: 1_800_000_000 })}.sig`)).toBe(
      1_800_000_000_000,
    );
  });

  it.each([
    ['an opaque token', 'opaque-api-key'],
    ['a JWT without exp', `${encode({})}.${encode({ sub: 'x' })}.sig`],
    ['a JWT with a string exp', `${encode({})}.${encode({ exp: 'soon' })}.sig`],
    ['a JWT whose payload is not JSON', `${encode({})}.bm90IGpzb24.sig`],
    ['a JWT whose payload is not base64', `${encode({})}.%%%.sig`],
  ])('gives undefined for %s', (_name, token) => {
    expect(jwtExpiry(token)).toBeUndefined();
  });
});
