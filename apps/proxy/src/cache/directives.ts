// What the upstream says about caching its reply (RFC 9111 §5), read from its headers into data
// that the cache policy combines with its own lifetimes (policy.ts, decision 002).

export interface UpstreamDirectives {
  /** `no-store`, `private` (we are a shared cache, §5.2.2.7) or `Vary: *` (§4.1): never stored. */
  storable: boolean;
  /** The freshness the upstream allows, already less its `Age` (§4.2.1, §4.2.3); undefined: unsaid. */
  freshMs: number | undefined;
  /** Whether a stale copy may stand in for an upstream failure (§4.2.4): not under `no-cache`,
   *  `must-revalidate`, `proxy-revalidate` or `s-maxage`. */
  staleAllowed: boolean;
  /** Whether the upstream said anything that limits us: what an operator may choose to ignore. */
  limiting: boolean;
}

/** The response directives of a Cache-Control value (§5.2), names lower-cased. */
function directives(cacheControl: string): Map<string, string | undefined> {
  const found = new Map<string, string | undefined>();
  for (const part of cacheControl.split(',')) {
    const [name = '', value] = part.split('=', 2);
    const key = name.trim().toLowerCase();
    if (key) found.set(key, value?.trim().replace(/^"(.*)"$/, '$1'));
  }
  return found;
}

/** A delta-seconds value (§1.2.2), or undefined when it is not one. */
function deltaSeconds(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

// IMF-fixdate (RFC 9110 §5.6.7), the form every current server sends. Date.parse alone would
// read '0' as the year 2000.
const httpDate = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const parseHttpDate = (value: string | null) =>
  value !== null && httpDate.test(value.trim()) ? Date.parse(value) : Number.NaN;

/** `Expires` less `Date` (§4.2.1); an Expires that is not a date means already expired (§5.3). */
function expiresMs(expires: string | null, date: string | null): number | undefined {
  if (expires === null) return undefined;
  const at = parseHttpDate(expires);
  if (Number.isNaN(at)) return 0;
  const now = parseHttpDate(date);
  return Number.isNaN(now) ? undefined : Math.max(0, at - now);
}

export function readDirectives(header: (name: string) => string | null): UpstreamDirectives {
  const cacheControl = header('cache-control');
  const found = directives(cacheControl ?? '');
  // Pragma: no-cache counts only where Cache-Control is absent (§5.4, HTTP/1.0 caches).
  const noCache =
    found.has('no-cache') ||
    (cacheControl === null && /(^|,)\s*no-cache\s*(,|$)/i.test(header('pragma') ?? ''));
  const varyAll = (header('vary') ?? '').split(',').some((name) => name.trim() === '*');
  const storable = !found.has('no-store') && !found.has('private') && !varyAll;

  const sMaxAge = deltaSeconds(found.get('s-maxage'));
  const maxAge = deltaSeconds(found.get('max-age'));
  const lifetimeMs = noCache
    ? 0
    : sMaxAge !== undefined
      ? sMaxAge * 1000
      : maxAge !== undefined
        ? maxAge * 1000
        : expiresMs(header('expires'), header('date'));
  const ageMs = (deltaSeconds(header('age') ?? undefined) ?? 0) * 1000;
  const freshMs = lifetimeMs === undefined ? undefined : Math.max(0, lifetimeMs - ageMs);
  const staleAllowed =
    !noCache &&
    sMaxAge === undefined &&
    !found.has('must-revalidate') &&
    !found.has('proxy-revalidate');
  return {
    storable,
    freshMs,
    staleAllowed,
    limiting: !storable || freshMs !== undefined || !staleAllowed,
  };
}

/** What an upstream that says nothing allows: everything our own policy decides. */
export const NO_DIRECTIVES: UpstreamDirectives = {
  storable: true,
  freshMs: undefined,
  staleAllowed: true,
  limiting: false,
};
