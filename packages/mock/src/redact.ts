// What `mdss-mock record` keeps of a body: the credential never, in any encoding; and of personal
// data, by default, nothing. Every string is replaced by a placeholder unless its field is known
// to hold no one's data (codes, labels, times, engine names), so a field MDSS adds tomorrow is
// redacted too; an HTML or text body keeps only its status line and server name. Strings are
// replaced where they stand and every other byte is kept, so a replay stays byte for byte.
import { isJson, type JsonPath, rewriteJson } from './json-text.ts';
import { createTokenRedactor } from './redact-token.ts';

/** What a kept field holds; its value is kept only when it has that shape. */
type Kind = 'id' | 'time' | 'code' | 'label' | 'engine' | 'actions';

/** The fields known to hold no one's data, by kind (`*`: any key or index); the README lists them. */
export const keptFields: Readonly<Record<Kind, readonly string[]>> = {
  id: ['id'],
  time: [
    'created',
    'uploadCompleted',
    'scanResult.scanResults.startTime',
    'scanResult.scanResults.scanDetails.*.defTime',
    'scanResult.fileInfo.uploadTimestamp',
    'scanResult.vulnerabilityInfo.result.timestamp',
  ],
  code: [
    'responseKey',
    'ResponseKey',
    'error.code',
    'scanResult.dlpInfo.hits.*.hits.*.severity',
    'scanResult.vulnerabilityInfo.result.vulnerabilities.*.details.cve',
    'scanResult.vulnerabilityInfo.result.vulnerabilities.*.details.cpe',
    'scanResult.vulnerabilityInfo.result.vulnerabilities.*.details.cwe',
    'scanResult.vulnerabilityInfo.result.vulnerabilites.*.details.cve',
    'scanResult.vulnerabilityInfo.result.vulnerabilites.*.details.cpe',
    'scanResult.vulnerabilityInfo.result.vulnerabilites.*.details.cwe',
  ],
  label: [
    'scanResult.scanResults.scanAllResultA',
    'scanResult.fileInfo.fileTypeDescription',
    'scanResult.processInfo.result',
    'scanResult.processInfo.profile',
    'scanResult.processInfo.postProcessing.convertedTo',
    'scanResult.processInfo.postProcessing.sanitizationDetails.details.*.action',
    'scanResult.processInfo.postProcessing.sanitizationDetails.details.*.objectName',
    'scanResult.dlpInfo.hits.*.display_name',
    'scanResult.dlpInfo.hits.*.hits.*.certainty',
    'scanResult.vulnerabilityInfo.result.detected_product.severity',
    'scanResult.vulnerabilityInfo.result.detected_product.version',
    'scanResult.vulnerabilityInfo.result.detected_product.product.name',
    'scanResult.vulnerabilityInfo.result.detected_product.vendor.name',
    'scanResult.vulnerabilityInfo.result.vulnerabilities.*.severity',
    'scanResult.vulnerabilityInfo.result.vulnerabilites.*.severity',
    'scanResult.extractedFiles.filesInArchive.*.fileType',
    'scanResult.extractedFiles.filesInArchive.*.fileTypeDescription',
  ],
  engine: [
    'scanResult.scanResults.scanDetails.*.engineName',
    'scanResult.scanResults.scanDetails.*.engId',
  ],
  // ` | `-separated: Deep CDR's own words are kept, the names of post actions are not.
  actions: [
    'scanResult.processInfo.postProcessing.actionsRan',
    'scanResult.processInfo.postProcessing.actionsFailed',
  ],
};

const shapes: Record<Exclude<Kind, 'actions'>, RegExp> = {
  id: /^[\w.:-]{1,128}$/,
  time: /^(?:\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?|\d{1,13})$/,
  code: /^[\w.:*/+-]{1,100}$/,
  label: /^[\p{L}\p{N} .,'’()&+/_:-]{1,120}$/u,
  engine: /^[\p{L}\p{N} ._!+()-]{1,64}$/u,
};

/** Deep CDR's own words in `actionsRan` and `actionsFailed`. */
const cdrActions = new Set(['sanitized', 'sanitization failed']);

/** Whatever the field, a value holding an e-mail address or a card-like number is not kept. */
const personal = /[^\s@]+@[^\s@]+\.[^\s@]+|(?:\d[ -]?){12,}/;

const patterns = Object.entries(keptFields).flatMap(([kind, paths]) =>
  paths.map((path) => ({ kind: kind as Kind, path: path.split('.') })),
);

function kindAt(path: JsonPath): Kind | undefined {
  return patterns.find(
    (p) =>
      p.path.length === path.length && p.path.every((key, i) => key === '*' || key === path[i]),
  )?.kind;
}

/** Where MDSS repeats one value under several names: one placeholder, so a replay shows one file. */
const aliases: Record<string, string> = {
  displayName: 'name',
  fileName: 'name',
  convertedDestination: 'name',
  copyMoveDestination: 'path',
  userId: 'owner',
};

/** A placeholder's label: the field's name (its last key that is not an index). */
function labelOf(path: JsonPath): string {
  const key = path.findLast((k) => !/^\d+$/.test(k));
  if (key === undefined) return 'text';
  return aliases[key] ?? (/^[A-Za-z_][A-Za-z0-9_]{0,39}$/.test(key) ? key : 'text');
}

/** NGINX's own words in an error page: its status line and its name. */
const safeText = /^\s*(?:\d{3}(?: [A-Za-z][A-Za-z' -]*)?|nginx(?:\/[\d.]+)?)?\s*$/;

export interface RedactorOptions {
  /** The credential: cut out of every body and header, in every encoding, whatever else is kept. */
  token?: string;
  /** Keep personal data as it came (`--keep-names`); the token is still cut out. */
  keepNames?: boolean;
}

export interface Redactor {
  /** A body as it may be recorded; its content type tells markup from text. */
  body(text: string, contentType: string | null): string;
  /** A kept header's value, without the token. */
  header(value: string): string;
}

/**
 * A redactor for one recording: the same value in the same field gets the same placeholder
 * (`redacted-name-1`) in every answer, so a replay still shows one file whose name never changes.
 */
export function createRedactor({ token, keepNames = false }: RedactorOptions = {}): Redactor {
  const cut = createTokenRedactor(token);
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

  /** An ` | `-separated list of actions, with only Deep CDR's own words kept. */
  const actions = (value: string) =>
    value
      .split(/(\s*\|\s*)/)
      .map((part, i) =>
        i % 2 === 1 || part === '' || cdrActions.has(part.toLowerCase())
          ? part
          : placeholder('action', part),
      )
      .join('');

  const kept = (path: JsonPath, value: string): string => {
    if (value === '' || keepNames) return value;
    const kind = kindAt(path);
    if (kind === 'actions') return actions(value);
    if (kind && shapes[kind].test(value) && !personal.test(value)) return value;
    return placeholder(labelOf(path), value);
  };

  const json = (text: string) =>
    rewriteJson(text, {
      value(path, decoded) {
        const value = kept(path, cut.value(decoded));
        return value === decoded ? undefined : value;
      },
      key(_path, decoded) {
        const key = cut.value(decoded);
        return key === decoded ? undefined : key;
      },
    });

  const plain = (text: string) => {
    if (safeText.test(text)) return text;
    const [, before = '', after = ''] = /^(\s*)[\s\S]*?(\s*)$/.exec(text) ?? [];
    return `${before}${placeholder('text', text.trim())}${after}`;
  };

  // Tags and attribute names are kept; attribute values, comments and text go, but for
  // NGINX's status line and name.
  const markup = (text: string) =>
    text.replace(/<!--[\s\S]*?-->|<[^>]*>|[^<]+/g, (part) => {
      if (part.startsWith('<!--')) return `<!-- ${placeholder('comment', part)} -->`;
      if (part.startsWith('<'))
        return part.replace(
          /(=\s*)("[^"]*"|'[^']*'|[^\s"'>]+)/g,
          (_all, equals: string, value: string) => `${equals}"${placeholder('attribute', value)}"`,
        );
      return plain(part);
    });

  return {
    header: (value) => cut.text(value),
    body(raw, contentType) {
      const text = cut.text(raw);
      if (isJson(text)) return json(text);
      if (keepNames) return text;
      const isMarkup = /html|xml/i.test(contentType ?? '') || text.trimStart().startsWith('<');
      return isMarkup ? markup(text) : plain(text);
    },
  };
}
