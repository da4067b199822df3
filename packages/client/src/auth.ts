// The bearer token as openapi-fetch middleware, so every request of the client (`raw` too)
// carries it: asked for on every request, and once more after a 401 (an expired token the
// caller's function renews), the request then sent again once. A token function that fails is
// its own error, and nothing is sent.
import type { Middleware } from 'openapi-fetch';
import { MdssError } from './mdss-error.ts';

export type TokenSource = string | (() => string | Promise<string>);

async function bearer(token: TokenSource): Promise<string> {
  try {
    return `Bearer ${typeof token === 'string' ? token : await token()}`;
  } catch (cause) {
    throw new MdssError('token', 'The token function failed.', { cause });
  }
}

export function auth(token: TokenSource): Middleware {
  return {
    async onRequest({ request }) {
      request.headers.set('authorization', await bearer(token));
    },
    async onResponse({ request, response, options }) {
      // A fixed token would only be refused again.
      if (response.status !== 401 || typeof token === 'string') return;
      void response.body?.cancel().catch(() => {});
      // A GET has no body, so the request can be sent again as it was (its signal included).
      const again = new Request(request);
      again.headers.set('authorization', await bearer(token));
      return options.fetch(again);
    },
  };
}
