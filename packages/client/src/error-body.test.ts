import { describe, expect, it } from 'vitest';
import { describeAnswer } from './error-body.ts';

describe('describeAnswer', () => {
  it.each<[string, number, unknown, string]>([
    [
      'Cloud’s nested error',
      429,
      { error: { code: 429000, messages: ['Rate limit exceeded'] } },
      'MDSS answered 429: Rate limit exceeded.',
    ],
    [
      'MDSS’s camelCase envelope',
      401,
      { responseKey: 'UNAUTHORIZED', responseMessage: 'Token expired' },
      'MDSS answered 401: Token expired.',
    ],
    [
      'an envelope with only its key',
      400,
      { ResponseKey: 'INVALID_REQUEST' },
      'MDSS answered 400: INVALID_REQUEST.',
    ],
    [
      'an HTML page without a title',
      502,
      '<html><body><h1>Bad Gateway</h1></body></html>',
      'MDSS answered 502: Bad Gateway (an HTML page from its web server).',
    ],
    ['plain text', 503, 'Service Unavailable', 'MDSS answered 503: Service Unavailable.'],
    ['a body of whitespace', 401, '  \n', 'MDSS answered 401 with an empty body.'],
    ['an object that says nothing', 500, { code: 7 }, 'MDSS answered 500.'],
    ['an array', 500, ['x'], 'MDSS answered 500.'],
  ])('%s', (_name, status, body, expected) => {
    expect(describeAnswer(status, body)).toBe(expected);
  });

  it('clips a long text to a sentence of at most 200 characters', () => {
    const message = describeAnswer(500, { err: 'x'.repeat(1_000) });
    expect(message.length).toBeLessThan(230);
    expect(message).toMatch(/…$/);
  });
});
