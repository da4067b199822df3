// Rewrites strings inside a JSON text where they stand and keeps every other byte, so a recorded
// body stays byte for byte but for what was replaced (a parse and stringify would write `10002.0`
// as `10002`, and lose escapes and layout).

/** Where a string sits: the keys from the root, an array index as its decimal string. */
export type JsonPath = readonly string[];

export interface JsonRewrite {
  /** The new text of the string value at `path`, or undefined to keep it. */
  value?(path: JsonPath, decoded: string): string | undefined;
  /** The new text of the object key at `path` (its last element), or undefined to keep it. */
  key?(path: JsonPath, decoded: string): string | undefined;
}

/** Whether `text` is JSON at all. */
export function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * `text` with the strings `rewrite` names replaced. `text` must be well-formed JSON (`isJson`);
 * a replacement is written as `JSON.stringify` writes it.
 */
export function rewriteJson(text: string, rewrite: JsonRewrite): string {
  const parts: string[] = [];
  let i = 0;
  let kept = 0;
  const space = () => {
    while (' \t\n\r'.includes(text[i] ?? '.')) i++;
  };
  /** Reads the string at `i`, and writes its replacement when `replace` gives one. */
  const string = (replace: ((decoded: string) => string | undefined) | undefined) => {
    const start = i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    const decoded = JSON.parse(text.slice(start, i)) as string;
    const replaced = replace?.(decoded);
    if (replaced !== undefined) {
      parts.push(text.slice(kept, start), JSON.stringify(replaced));
      kept = i;
    }
    return decoded;
  };
  const value = (path: string[]): void => {
    space();
    const open = text[i];
    if (open === '{' || open === '[') {
      i++;
      space();
      const close = open === '{' ? '}' : ']';
      for (let index = 0; text[i] !== close; index++) {
        let key = String(index);
        if (open === '{') {
          key = string(rewrite.key && ((decoded) => rewrite.key?.([...path, decoded], decoded)));
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
      string(rewrite.value && ((decoded) => rewrite.value?.(path, decoded)));
    } else {
      while (i < text.length && !',]} \t\n\r'.includes(text[i] ?? '')) i++;
    }
  };
  value([]);
  parts.push(text.slice(kept));
  return parts.join('');
}
