// The one rule for a file id: exactly one URL path segment. The client and the proxy both check
// it before any request, so no id can address another path upstream; it matches the contract's
// `FileId` schema (a test holds the two together).

/** Real ids are 24 (ObjectId) or 36 (UUID) characters; this bounds them generously. */
export const FILE_ID_MAX_LENGTH = 128;

// Separators and escapes that would end or re-interpret a path segment, control characters,
// unpaired surrogates (which `encodeURIComponent` cannot encode), and U+FFFD, which a server
// (Bun) puts in place of bytes that were not UTF-8 before any handler sees the target. `u`
// makes a surrogate pair one code point, so only a lone surrogate matches the surrogate range.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const forbidden = /[/\\?#%\u0000-\u001f\u007f\ud800-\udfff\ufffd]/u;

function describe(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f || (code >= 0xd800 && code <= 0xdfff) || code === 0xfffd
    ? `the character U+${code.toString(16).toUpperCase().padStart(4, '0')}`
    : `'${char}'`;
}

/**
 * Why `id` is not a usable file id, or `undefined` when it is. Lengths count code points, as the
 * contract's `maxLength` does.
 */
export function fileIdProblem(id: string): string | undefined {
  if (id.length === 0) return 'the id is empty';
  if (id.length > FILE_ID_MAX_LENGTH && [...id].length > FILE_ID_MAX_LENGTH) {
    return `the id is longer than ${FILE_ID_MAX_LENGTH} characters`;
  }
  if (id === '.' || id === '..') return `the id '${id}' is a relative path segment`;
  const bad = forbidden.exec(id);
  return bad ? `the id contains ${describe(bad[0])}` : undefined;
}

export function isFileId(id: unknown): id is string {
  return typeof id === 'string' && fileIdProblem(id) === undefined;
}

/**
 * Whether `answered` (a result's `id`) names the file `asked` for. MDSS answers with the record
 * it was asked for, but hex and UUID ids may come back in another case; anything else is another
 * file's result, which the client and the proxy both refuse.
 */
export function isSameFileId(answered: string, asked: string): boolean {
  return answered.toLowerCase() === asked.toLowerCase();
}
