// A token and the spellings a server may echo it in, for the recorder's tests.

// Has every character a token's encodings treat differently: + / = . ~ _ -
export const TOKEN = 'eyJhbGci.Oi+Jz/9_k~x-Q=';
export const b64 = (text: string) => Buffer.from(text).toString('base64');
export const b64url = (text: string) => Buffer.from(text).toString('base64url');
const everyCharEscaped = (text: string) =>
  [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

/** The token as a server may echo it, each spelling named. */
export const tokenSpellings: Record<string, string> = {
  raw: TOKEN,
  'JSON, slash escaped': TOKEN.replaceAll('/', '\\/'),
  'JSON, .NET’s \\u002B': TOKEN.replaceAll('+', '\\u002B'),
  'JSON, lower-case \\u002b': TOKEN.replaceAll('+', '\\u002b'),
  'JSON, every character escaped': everyCharEscaped(TOKEN),
  'percent-encoded': encodeURIComponent(TOKEN),
  'percent-encoded, lower-case hex': encodeURIComponent(TOKEN).replace(/%[0-9A-F]{2}/g, (m) =>
    m.toLowerCase(),
  ),
  'percent-encoded twice': encodeURIComponent(encodeURIComponent(TOKEN)),
  'HTML character references': TOKEN.replaceAll('+', '&#43;').replaceAll('/', '&#x2F;'),
  base64: b64(TOKEN),
  base64url: b64url(TOKEN),
  'base64, offset 1 (Basic a:token)': b64(`a:${TOKEN}`),
  'base64, offset 2': b64(`ab${TOKEN}!`),
  'base64 of a JSON blob': b64(JSON.stringify({ token: TOKEN })),
  'base64url, offset 2': b64url(`xy${TOKEN}`),
  hex: Buffer.from(TOKEN).toString('hex'),
  'HEX upper-case': Buffer.from(TOKEN).toString('hex').toUpperCase(),
};
