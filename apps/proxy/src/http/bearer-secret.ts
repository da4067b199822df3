// A path only the holder of one of our own secrets may use (OPS_TOKEN's operations endpoints,
// MDSS_NOTIFY_SECRET's notifications): its `Authorization: Bearer <secret>`, or a 401.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';
import { ProblemError } from './problem.ts';

const encoder = new TextEncoder();
const digest = async (text: string) =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));

/** Equal in time independent of where they differ (both are digests: of one length). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

/** Who asks for the secret: the realm of `WWW-Authenticate`, and the 401's detail. */
export interface SecretDoor {
  realm: string;
  detail: string;
}

/**
 * Lets through a request whose `Authorization` is `Bearer <secret>`, else answers 401. The
 * secrets are compared as SHA-256 digests, in constant time: neither a guess's length nor where
 * it first differs shows in the time of the answer (Web Crypto, so on every runtime).
 */
export function requireBearer(secret: string, door: SecretDoor): MiddlewareHandler<AppEnv> {
  const expected = digest(secret);
  return async (c, next) => {
    const given = /^Bearer ([^\s,]+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    if (!sameBytes(await digest(given), await expected)) {
      throw new ProblemError('unauthorized', 401, door.detail, {
        headers: { 'www-authenticate': `Bearer realm="${door.realm}"` },
      });
    }
    return next();
  };
}
