// `mdss-mock --notify-url URL [--notify-header 'Name: value']… [--notify-method PUT]
// [--notify-only-blocked]`: the mock server's notifications, configured as MDSS's are.
import type { NotifyOptions } from './notify.ts';
import { UsageError } from './record-command.ts';

/** The header `Name: value` as a pair, refusing what fetch could not send. */
function header(text: string): [string, string] {
  const colon = text.indexOf(':');
  const name = text.slice(0, colon).trim();
  if (colon < 1 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
    throw new UsageError(`--notify-header wants 'Name: value' (got '${text}')`);
  }
  return [name.toLowerCase(), text.slice(colon + 1).trim()];
}

/** The notification options the arguments give, or undefined without `--notify-url`. */
export function parseNotifyArgs(args: readonly string[]): NotifyOptions | undefined {
  const headers: Record<string, string> = {};
  let url: string | undefined;
  let method: NotifyOptions['method'];
  let onlyBlocked = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const next = args[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--notify-url') url = value();
    else if (arg === '--notify-header')
      Object.assign(headers, Object.fromEntries([header(value())]));
    else if (arg === '--notify-method') {
      const m = value().toUpperCase();
      if (m !== 'POST' && m !== 'PUT')
        throw new UsageError(`--notify-method is POST or PUT (got ${m})`);
      method = m;
    } else if (arg === '--notify-only-blocked') onlyBlocked = true;
    else throw new UsageError(`unknown argument ${arg}`);
  }
  if (url === undefined) {
    if (args.length > 0) throw new UsageError('--notify-… options need --notify-url');
    return undefined;
  }
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new UsageError(`--notify-url wants an http(s) URL (got '${url}')`);
  }
  return { url, headers, ...(method ? { method } : {}), ...(onlyBlocked ? { onlyBlocked } : {}) };
}
