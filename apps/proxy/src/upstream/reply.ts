// One reader of an upstream reply, for this proxy's own request and for the Workers' coordinator
// that shares one among isolates: which statuses' bodies are read, a declared length over the
// limit refused before a byte is read, and the body read whole under that limit.
import { BodyTooLargeError, readBounded } from '@mdss-kit/contract';

/** What an exchange, or its reply's read, rejects with once its deadline has passed. */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
  constructor() {
    super('the upstream did not answer in time');
  }
}

/** An upstream reply, as far as the proxy reads one. */
export interface UpstreamReply {
  status: number;
  header(name: string): string | null;
  /**
   * The whole body in one buffer of its own (`readBounded`): a cache must not keep the socket's
   * larger buffers alive. Throws `BodyTooLargeError` as soon as it passes `maxBytes`.
   */
  read(maxBytes: number): Promise<Uint8Array<ArrayBuffer>>;
  /** Drops the body unread. */
  discard(): void;
}

/** What the reader made of a reply's body. */
export type ReplyBody =
  | { kind: 'read'; bytes: Uint8Array<ArrayBuffer> }
  /** A status whose body is never read (5xx, or any the proxy does not pass through). */
  | { kind: 'unread' }
  | { kind: 'too-large'; maxBytes: number };

/** The upstream statuses whose bodies are read (and passed through); any other is dropped. */
const passedThrough = new Set([400, 401, 403, 404, 429]);

/** A fetch Response as a reply. */
export function replyOfResponse(response: Response): UpstreamReply {
  return {
    status: response.status,
    header: (name) => response.headers.get(name),
    read: (maxBytes) => readBounded(response.body, maxBytes),
    discard: () => void response.body?.cancel().catch(() => {}),
  };
}

/** The body of `reply`, if its status is one whose body is read, within `maxBytes`. */
export async function readReply(reply: UpstreamReply, maxBytes: number): Promise<ReplyBody> {
  if (reply.status !== 200 && !passedThrough.has(reply.status)) {
    reply.discard();
    return { kind: 'unread' };
  }
  // A declared length over the limit is refused before a byte is read.
  if (Number(reply.header('content-length')) > maxBytes) {
    reply.discard();
    return { kind: 'too-large', maxBytes };
  }
  try {
    return { kind: 'read', bytes: await reply.read(maxBytes) };
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { kind: 'too-large', maxBytes };
    throw error;
  }
}
