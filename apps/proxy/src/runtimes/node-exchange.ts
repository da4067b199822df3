// Node only: the upstream GET on node:http(s) with a keep-alive agent, its body read straight
// from the socket's chunks. Node's global fetch adds milliseconds per request under
// concurrency, and a WHATWG Response around node:http (a web stream per body) costs CPU on
// every miss (the proxy's README, Performance); this adds next to nothing.
import {
  type Agent,
  type ClientRequest,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { urlToHttpOptions } from 'node:url';
import { BodyTooLargeError } from '@mdss-kit/contract';
import { DeadlineError, type UpstreamReply } from '../upstream/reply.ts';
import type { UpstreamExchange } from '../upstream/request.ts';

/** A request that failed on a pooled socket before a byte of its answer came back. */
class StaleSocketError extends Error {
  constructor(cause: unknown) {
    super('a reused connection closed before any answer', { cause });
  }
}

/**
 * One timer for a whole exchange, a second attempt and the body included: when it fires, the
 * request under way is destroyed, and whatever was waiting on it rejects with a DeadlineError.
 * A timer and a flag, where an AbortSignal would cost an EventTarget and its listeners per miss.
 */
class Deadline {
  passed = false;
  private request: ClientRequest | undefined;
  private readonly timer: NodeJS.Timeout;
  constructor(ms: number) {
    this.timer = setTimeout(() => {
      this.passed = true;
      this.request?.destroy(new DeadlineError());
    }, ms);
  }
  watch(request: ClientRequest): void {
    this.request = request;
  }
  /** `error`, or a DeadlineError if the deadline is why it came. */
  why(error: unknown): unknown {
    return this.passed ? new DeadlineError() : error;
  }
  clear(): void {
    clearTimeout(this.timer);
  }
}

/** Whether `chunk` is the whole of its ArrayBuffer: kept, it keeps nothing else alive. */
const isWholeBuffer = (chunk: Buffer) =>
  chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength;

/**
 * `chunks` as one buffer of its own. A body that came in one chunk is kept as it came when that
 * chunk is its own buffer (node:http copies each body chunk out of the socket's read into one),
 * which spares a miss an allocation and a copy; otherwise the chunks are copied into a buffer of
 * its own (not the pool's, which a cached body would keep alive), left unfilled: every byte is
 * written next.
 */
function ownedBody(chunks: Buffer[], size: number): Uint8Array<ArrayBuffer> {
  const [first] = chunks;
  if (chunks.length === 1 && first && isWholeBuffer(first) && first.buffer instanceof ArrayBuffer) {
    return new Uint8Array(first.buffer);
  }
  const bytes = new Uint8Array(Buffer.allocUnsafeSlow(size).buffer, 0, size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * The whole body in one buffer of its own (a cache must not keep the socket's larger buffers
 * alive), read from the stream's events: an async iterator costs a promise per chunk.
 */
function readBody(res: IncomingMessage, maxBytes: number, deadline: Deadline) {
  return new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (error: unknown) => {
      deadline.clear();
      reject(deadline.why(error));
    };
    res.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= maxBytes) chunks.push(chunk);
      else {
        res.destroy();
        fail(new BodyTooLargeError(maxBytes));
      }
    });
    res.once('end', () => {
      deadline.clear();
      resolve(ownedBody(chunks, size));
    });
    res.once('error', fail);
    // Destroyed mid-body (a reset, the deadline): settled once, whichever came first.
    res.once('close', () => {
      if (!res.complete) fail(new Error('the upstream closed the connection mid-body'));
    });
  });
}

function replyOf(res: IncomingMessage, deadline: Deadline): UpstreamReply {
  return {
    status: res.statusCode ?? 502,
    header(name) {
      const value = res.headers[name];
      return typeof value === 'string' ? value : null;
    },
    read: (maxBytes) => readBody(res, maxBytes, deadline),
    // Destroyed, not drained: draining would read on with no deadline and no limit, and a
    // body trickling in would hold a pooled socket for as long as the upstream likes.
    discard() {
      deadline.clear();
      res.destroy();
    },
  };
}

/** Where a request goes: its origin as node:http reads one, and its path. */
interface Target {
  origin: Pick<RequestOptions, 'protocol' | 'hostname' | 'port' | 'auth'>;
  path: string;
}

/**
 * One GET on `agent` (false: a connection of its own). A pooled socket the upstream closed just
 * as it was reused (an idle keep-alive socket it times out, as Node's http server does after 5 s)
 * fails with a reset before a byte of the answer: that rejects with a `StaleSocketError`.
 */
function send(
  { origin, path }: Target,
  headers: Record<string, string>,
  agent: Agent | false,
  deadline: Deadline,
): Promise<UpstreamReply> {
  return new Promise((resolve, reject) => {
    const { protocol, hostname, port, auth } = origin;
    const request = protocol === 'https:' ? httpsRequest : httpRequest;
    const options = { protocol, hostname, port, auth, path, method: 'GET', headers, agent };
    const req: ClientRequest = request(options);
    deadline.watch(req);
    let readBefore: number | undefined;
    req.once('socket', (socket: Socket) => {
      readBefore = socket.bytesRead;
    });
    req.once('response', (res: IncomingMessage) => resolve(replyOf(res, deadline)));
    req.once('error', (error: NodeJS.ErrnoException) => {
      const nothingRead = readBefore !== undefined && req.socket?.bytesRead === readBefore;
      const stale = req.reusedSocket && nothingRead && error.code === 'ECONNRESET';
      reject(stale && !deadline.passed ? new StaleSocketError(error) : deadline.why(error));
    });
    req.end();
  });
}

/**
 * `url` as a target. Every URL the proxy sends shares one origin: it is parsed once, not per miss
 * as `request(url)` would.
 */
function targets() {
  let origin = '';
  let parsed: Target['origin'] = {};
  return (url: string): Target => {
    const pathAt = url.indexOf('/', url.indexOf('//') + 2);
    if (url.slice(0, pathAt) !== origin) {
      origin = url.slice(0, pathAt);
      const { protocol, hostname, port, auth } = urlToHttpOptions(new URL(origin));
      parsed = { protocol, hostname, port, auth };
    }
    return { origin: parsed, path: url.slice(pathAt) };
  };
}

export function createNodeExchange(): UpstreamExchange {
  const http = new HttpAgent({ keepAlive: true, maxSockets: 256 });
  const https = new HttpsAgent({ keepAlive: true, maxSockets: 256 });
  const targetOf = targets();
  return async (url, headers, timeoutMs) => {
    const target = targetOf(url);
    const agent = target.origin.protocol === 'https:' ? https : http;
    const deadline = new Deadline(timeoutMs);
    try {
      return await send(target, headers, agent, deadline);
    } catch (error) {
      if (!(error instanceof StaleSocketError)) {
        deadline.clear();
        throw error;
      }
      // Nothing reached the upstream's application (it closed the socket as the request came),
      // and the GET is idempotent: asked once more, on a connection of its own (Node's docs,
      // http `request.reusedSocket`). Another pooled socket might be just as stale.
      return send(target, headers, false, deadline).catch((again) => {
        deadline.clear();
        throw again;
      });
    }
  };
}
