import { describe, expect, it } from 'vitest';
import { b64, TOKEN, tokenSpellings } from '../test/token-spellings.ts';
import { createTokenRedactor, TOKEN_PLACEHOLDER } from './redact-token.ts';

describe('createTokenRedactor', () => {
  const cut = createTokenRedactor(TOKEN);

  it.each(Object.entries(tokenSpellings))(
    'cuts the token out of text, spelled %s',
    (_name, spelled) => {
      const text = `before ${spelled} after`;
      const redacted = cut.text(text);
      expect(redacted).not.toContain(spelled);
      expect(redacted).toMatch(/^before .*redacted-token.* after$/);
    },
  );

  it('cuts out a value that decodes to the token: base64 of a percent-encoded token', () => {
    const nested = b64(encodeURIComponent(`t=${TOKEN}`));
    expect(cut.value(`x ${nested}`)).toBe(`x ${TOKEN_PLACEHOLDER}`);
    expect(cut.value(encodeURIComponent(`x=${TOKEN}`).replaceAll('%', '%25'))).not.toContain(
      encodeURIComponent(TOKEN),
    );
  });

  it('keeps a JSON text well-formed when the token follows an escape', () => {
    for (const spelled of Object.values(tokenSpellings)) {
      const text = `{"a":"\\u0041${spelled}","b":"\\/${spelled}\\n"}`;
      const redacted = cut.text(text);
      expect(() => JSON.parse(redacted), redacted).not.toThrow();
      expect(redacted).not.toContain(spelled);
    }
  });

  it('leaves text without the token as it is, and changes nothing without a token', () => {
    const text = '{"name":"eyJhbGci","size":1,"note":"Oi+Jz/9"}';
    expect(cut.text(text)).toBe(text);
    expect(cut.value('aGVsbG8gd29ybGQgaGVsbG8=')).toBe('aGVsbG8gd29ybGQgaGVsbG8=');
    expect(createTokenRedactor(undefined).text(`${TOKEN}`)).toBe(TOKEN);
  });
});
