// The caller's bearer token: its syntax (RFC 6750 §2.1) and, when it is a JWT, its expiry, which
// bounds how long a result fetched with it may be cached. The JWT is not verified here: the
// upstream does that; the expiry only ever shortens a lifetime.

// b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
const bearer = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** The token of a well-formed `Authorization: Bearer <token>` header, else undefined. */
export function bearerToken(authorization: string | undefined | null): string | undefined {
  if (!authorization || authorization.length > 16_384) return undefined;
  return bearer.exec(authorization)?.[1];
}

function base64UrlDecode(segment: string): string {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  return atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
}

/** The `exp` of a JWT in epoch milliseconds, or undefined when the token is not a JWT with one. */
export function jwtExpiry(token: string): number | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const exp: unknown = JSON.parse(base64UrlDecode(parts[1])).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
