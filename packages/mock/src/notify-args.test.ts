import { describe, expect, it } from 'vitest';
import { parseNotifyArgs } from './notify-args.ts';

describe('mdss-mock --notify-…', () => {
  it('is off without arguments', () => {
    expect(parseNotifyArgs([])).toBeUndefined();
  });

  it('reads the URL, headers, method and scope as MDSS is configured', () => {
    const options = parseNotifyArgs([
      '--notify-url',
      'http://127.0.0.1:8787/hooks/mdss',
      '--notify-header',
      'Authorization: Bearer s3cret: with a colon',
      '--notify-header',
      'X-Env:demo',
      '--notify-method',
      'put',
      '--notify-only-blocked',
    ]);
    expect(options).toEqual({
      url: 'http://127.0.0.1:8787/hooks/mdss',
      headers: { authorization: 'Bearer s3cret: with a colon', 'x-env': 'demo' },
      method: 'PUT',
      onlyBlocked: true,
    });
  });

  it.each([
    [['--notify-header', 'Authorization: Bearer x']],
    [['--notify-url']],
    [['--notify-url', 'ftp://host/x']],
    [['--notify-url', 'http://h/x', '--notify-header', 'no colon']],
    [['--notify-url', 'http://h/x', '--notify-method', 'PATCH']],
    [['--notify-url', 'http://h/x', '--verbose']],
  ])('refuses %j', (args) => {
    expect(() => parseNotifyArgs(args)).toThrow(/notify|argument/);
  });
});
