// Answers are read whole, and no larger than the client accepts, before openapi-fetch parses
// them: a body past `maxBytes` (declared, or counted as it arrives) is cancelled and becomes an
// invalid_response, instead of a page holding hundreds of megabytes because a base URL pointed
// at the wrong server. Middleware, so `raw` is bounded too.
import { BodyTooLargeError, readBounded } from '@mdss-kit/contract';
import type { Middleware } from 'openapi-fetch';
import { MdssError } from './mdss-error.ts';

// Statuses whose Response may not be given a body.
const NULL_BODY = new Set([101, 204, 205, 304]);

export const isEventStream = (response: Response): boolean =>
  /^text\/event-stream\b/i.test(response.headers.get('content-type') ?? '');

export function boundedBody(maxBytes: number): Middleware {
  return {
    async onResponse({ response }) {
      const { body, status } = response;
      // An event stream never ends by itself: its reader bounds each event instead.
      if (!body || NULL_BODY.has(status) || isEventStream(response)) return;
      const tooLarge = (cause: unknown) =>
        new MdssError('invalid_response', `The answer is larger than ${maxBytes} bytes.`, {
          status,
          cause,
        });
      if (Number(response.headers.get('content-length')) > maxBytes) {
        // Not awaited: a source that never settles its cancel must not hold the caller.
        void body.cancel().catch(() => {});
        throw tooLarge(new BodyTooLargeError(maxBytes));
      }
      const bytes = await readBounded(body, maxBytes).catch((error: unknown) => {
        throw error instanceof BodyTooLargeError ? tooLarge(error) : error;
      });
      return new Response(bytes, {
        status,
        statusText: response.statusText,
        headers: response.headers,
      });
    },
  };
}
