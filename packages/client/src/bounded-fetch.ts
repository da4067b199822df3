// Answers are read whole before openapi-fetch parses them, and no larger than the client will
// accept: a body past `maxBytes` (declared, or counted as it arrives) is cancelled and becomes an
// invalid_response, instead of a page holding hundreds of megabytes because a base URL pointed
// at the wrong server.
import { MdssError } from './mdss-error.ts';

// Statuses whose Response may not be given a body.
const NULL_BODY = new Set([101, 204, 205, 304]);

export function boundedFetch(
  fetch: (request: Request) => Promise<Response>,
  maxBytes: number,
): (request: Request) => Promise<Response> {
  const tooLarge = (status: number) =>
    new MdssError('invalid_response', `The answer is larger than ${maxBytes} bytes.`, { status });

  return async (request) => {
    const response = await fetch(request);
    if (!response.body || NULL_BODY.has(response.status)) return response;
    if (Number(response.headers.get('content-length')) > maxBytes) {
      // Not awaited: a source that never settles its cancel must not hold the caller.
      void response.body.cancel().catch(() => {});
      throw tooLarge(response.status);
    }
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        void reader.cancel().catch(() => {});
        throw tooLarge(response.status);
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return new Response(bytes, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
