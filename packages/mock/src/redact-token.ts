// Removes a credential from whatever a server sent back, in every encoding a server may write it:
// as it is, JSON-escaped (`\/`, `\u002B`: .NET's default encoder writes `+` so), percent-encoded
// (either case, or twice), as HTML character references, hex, and base64 or base64url at any
// alignment inside a longer encoded value (a Basic credential, an encoded JSON blob).

export const TOKEN_PLACEHOLDER = 'redacted-token';

/** Encoded forms shorter than this are too likely to occur by chance to be cut out. */
const MIN_ENCODED_LENGTH = 8;

const escapeRegExp = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** A hex byte or code unit matching either case. */
const hex = (value: number, width: number) =>
  [...value.toString(16).padStart(width, '0')]
    .map((digit) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit))
    .join('');

/** Every way one character may be written in a body, a header or a URL. */
function characterForms(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const bytes = [...new TextEncoder().encode(char)];
  // A character beyond the BMP is two code units in a JSON escape.
  const units = char.length === 2 ? [char.charAt(0), char.charAt(1)] : [char];
  const forms = [
    escapeRegExp(char),
    bytes.map((b) => `%${hex(b, 2)}`).join(''),
    bytes.map((b) => `%25${hex(b, 2)}`).join(''),
    units.map((unit) => `\\\\u${hex(unit.charCodeAt(0), 4)}`).join(''),
    `&#0*${code};`,
    `&#[xX]0*${hex(code, 1)};`,
  ];
  if (char === '/') forms.push('\\\\/');
  if (char === ' ') forms.push('\\+');
  return `(?:${forms.join('|')})`;
}

/** The parts of base64 text that any data holding `bytes` at any offset must contain. */
function base64Cores(bytes: Uint8Array): string[] {
  const cores: string[] = [];
  for (const offset of [0, 1, 2]) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const encoded = Buffer.from(padded).toString('base64');
    // Characters whose six bits all come from `bytes`.
    const core = encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * padded.length) / 6));
    cores.push(core, core.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return cores;
}

/** The token's encoded spellings, each before the character-level encodings above. */
function spellings(token: string): string[] {
  const bytes = new TextEncoder().encode(token);
  const asHex = Buffer.from(bytes).toString('hex');
  const encoded = [...base64Cores(bytes), asHex, asHex.toUpperCase()].filter(
    (form) => form.length >= MIN_ENCODED_LENGTH,
  );
  return [token, ...new Set(encoded)].sort((a, b) => b.length - a.length);
}

/**
 * Base64 or base64url runs long enough to hide a token; none starts inside a JSON escape
 * (`\u002B…`), which cutting would break.
 */
const base64Run = /(?<![\\\w+/-])[A-Za-z0-9+/_-]{8,}={0,2}/g;

export interface TokenRedactor {
  /** `text` (a raw body, a header) with every encoded spelling of the token cut out. */
  text(text: string): string;
  /**
   * A decoded string value: the same, and the whole value when it decodes (percent-decoding,
   * base64 within it) to a text that holds the token.
   */
  value(value: string): string;
}

/** Cuts `token` out of what a server sent; without a token, nothing changes. */
export function createTokenRedactor(token: string | undefined): TokenRedactor {
  if (!token) return { text: (text) => text, value: (value) => value };
  const pattern = new RegExp(
    spellings(token)
      .map((spelling) => [...spelling].map(characterForms).join(''))
      .join('|'),
    'g',
  );
  const holds = (text: string) => {
    pattern.lastIndex = 0;
    return pattern.test(text);
  };
  const decodedHolds = (run: string) => {
    const decoded = Buffer.from(run.replaceAll('-', '+').replaceAll('_', '/'), 'base64');
    return holds(decoded.toString('latin1')) || holds(decoded.toString('utf8'));
  };
  // A whole encoded run that holds the token goes first, not only the token's part of it.
  const text = (raw: string) =>
    raw
      .replace(base64Run, (run) => (decodedHolds(run) ? TOKEN_PLACEHOLDER : run))
      .replace(pattern, TOKEN_PLACEHOLDER);
  const percentDecoded = (value: string) => {
    try {
      return decodeURIComponent(value.replaceAll('+', ' '));
    } catch {
      return value;
    }
  };
  return {
    text,
    value(value) {
      const cut = text(value);
      const decoded = percentDecoded(cut);
      return text(decoded) === decoded ? cut : TOKEN_PLACEHOLDER;
    },
  };
}
