// A body read whole under a byte limit, the one rule the client and the proxy share: past the
// limit the read stops and the source is cancelled, so an answer from the wrong server (or a
// hostile one) cannot fill memory.

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`The body is larger than ${maxBytes} bytes.`);
  }
}

/** A stream's chunks; leaving the loop early cancels the stream. */
async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) yield read.value;
  } finally {
    // Not awaited: a source whose cancel never settles must not hold the reader.
    void reader.cancel().catch(() => {});
  }
}

/**
 * The body's bytes in one buffer of their own, or `BodyTooLargeError` as soon as they pass
 * `maxBytes`. A chunk may be a view of a larger buffer (a socket's read, headers included),
 * which whoever keeps the result (a cache, for years) must not keep alive. Takes a web stream
 * (`Response.body`) or any async iterable of chunks (a Node `IncomingMessage`, closed when
 * the read stops early).
 */
export async function readBounded(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (body) {
    for await (const chunk of 'getReader' in body ? chunksOf(body) : body) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new BodyTooLargeError(maxBytes);
      chunks.push(chunk);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
