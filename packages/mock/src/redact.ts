// Redaction of a recorded FileResult's names, paths, owners, hashes and DLP matches, in its JSON
// text: each such string is replaced where it stands and every other byte is kept, so a replay
// stays byte for byte (a parse and stringify would write `10002.0` as `10002`).

/** Where identifying strings sit in a FileResult (`*`: any key or index), and their label. */
const redactedFields: readonly (readonly [label: string, path: readonly string[]])[] = [
  ['name', ['name']],
  ['path', ['path']],
  ['hash', ['hash']],
  ['storage', ['storageName']],
  ['scan', ['scanName']],
  ['owner', ['fileOwner', 'userId']],
  ['md5', ['scanResult', 'fileInfo', 'md5']],
  ['sha1', ['scanResult', 'fileInfo', 'sha1']],
  ['sha256', ['scanResult', 'fileInfo', 'sha256']],
  ['name', ['scanResult', 'fileInfo', 'displayName']],
  ['name', ['scanResult', 'processInfo', 'postProcessing', 'convertedDestination']],
  ['path', ['scanResult', 'processInfo', 'postProcessing', 'copyMoveDestination']],
  [
    'name',
    [
      'scanResult',
      'processInfo',
      'postProcessing',
      'sanitizationDetails',
      'details',
      '*',
      'fileName',
    ],
  ],
  ['name', ['scanResult', 'extractedFiles', 'filesInArchive', '*', 'displayName']],
  ['match', ['scanResult', 'dlpInfo', 'hits', '*', 'hits', '*', 'before']],
  ['match', ['scanResult', 'dlpInfo', 'hits', '*', 'hits', '*', 'hit']],
  ['match', ['scanResult', 'dlpInfo', 'hits', '*', 'hits', '*', 'after']],
  ['hash', ['scanResult', 'vulnerabilityInfo', 'result', 'hash']],
];

function labelAt(path: readonly string[]): string | undefined {
  const found = redactedFields.find(
    ([, pattern]) =>
      pattern.length === path.length && pattern.every((key, i) => key === '*' || key === path[i]),
  );
  return found?.[0];
}

/**
 * Rewrites the strings at `label`led places of a well-formed JSON text, keeping every other
 * byte. `replace` gets the label and the decoded string.
 */
function rewriteStrings(text: string, replace: (label: string, value: string) => string): string {
  const parts: string[] = [];
  let i = 0;
  let kept = 0;
  const space = () => {
    while (' \t\n\r'.includes(text[i] ?? '.')) i++;
  };
  const string = () => {
    const start = i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return { start, value: JSON.parse(text.slice(start, i)) as string };
  };
  const value = (path: string[]): void => {
    space();
    const open = text[i];
    if (open === '{' || open === '[') {
      i++;
      space();
      const close = open === '{' ? '}' : ']';
      while (text[i] !== close) {
        let key = '*';
        if (open === '{') {
          key = string().value;
          space();
          i++; // the colon
        }
        value([...path, key]);
        space();
        if (text[i] === ',') i++;
        space();
      }
      i++;
    } else if (open === '"') {
      const { start, value: decoded } = string();
      const label = labelAt(path);
      if (label !== undefined) {
        parts.push(text.slice(kept, start), JSON.stringify(replace(label, decoded)));
        kept = i;
      }
    } else {
      while (i < text.length && !',]} \t\n\r'.includes(text[i] ?? '')) i++;
    }
  };
  value([]);
  parts.push(text.slice(kept));
  return parts.join('');
}

/**
 * A redactor for one recording: the same name, path or hash gets the same placeholder
 * (`redacted-name-1`) in every answer, so a replay still shows one file whose name never
 * changes. A body that is not JSON is returned as it is.
 */
export function createRedactor(): (body: string) => string {
  const placeholders = new Map<string, string>();
  const counts = new Map<string, number>();
  const placeholder = (label: string, value: string) => {
    const key = `${label}\u0000${value}`;
    let named = placeholders.get(key);
    if (!named) {
      const count = (counts.get(label) ?? 0) + 1;
      counts.set(label, count);
      named = `redacted-${label}-${count}`;
      placeholders.set(key, named);
    }
    return named;
  };
  return (body) => {
    try {
      JSON.parse(body);
    } catch {
      return body;
    }
    return rewriteStrings(body, placeholder);
  };
}
