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
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { readBounded } from '@mdss-kit/contract';
import type { UpstreamReply } from '../upstream/reply.ts';
import type { UpstreamExchange } from '../upstream/request.ts';

/** A request that failed on a pooled socket before a byte of its answer came back. */
class StaleSocketError extends Error {
  constructor(cause: unknown) {
    super('a reused connection closed before any answer', { cause });
  }
}

function replyOf(res: IncomingMessage): UpstreamReply {
  return {
    status: res.statusCode ?? 502,
    header(name) {
      const value = res.headers[name];
      return typeof value === 'string' ? value : null;
    },
    // Iterating rejects on a reset or an abort mid-body; stopping early destroys the stream.
    read: (maxBytes) => readBounded(res, maxBytes),
    // Destroyed, not drained: draining would read on with no deadline and no limit, and a
    // body trickling in would hold a pooled socket for as long as the upstream likes.
    discard: () => void res.destroy(),
  };
}

/**
 * One GET on `agent` (false: a connection of its own). A pooled socket the upstream closed just
 * as it was reused (an idle keep-alive socket it times out, as Node's http server does after 5 s)
 * fails with a reset before a byte of the answer: that rejects with a `StaleSocketError`.
 */
function send(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  agent: Agent | false,
): Promise<UpstreamReply> {
  return new Promise((resolve, reject) => {
    const request = url.startsWith('https:') ? httpsRequest : httpRequest;
    const req: ClientRequest = request(url, { method: 'GET', headers, agent, signal });
    let readBefore: number | undefined;
    req.once('socket', (socket: Socket) => {
      readBefore = socket.bytesRead;
    });
    req.once('response', (res: IncomingMessage) => resolve(replyOf(res)));
    req.once('error', (error: NodeJS.ErrnoException) => {
      const nothingRead = readBefore !== undefined && req.socket?.bytesRead === readBefore;
      const stale = req.reusedSocket && nothingRead && error.code === 'ECONNRESET';
      reject(stale && !signal.aborted ? new StaleSocketError(error) : error);
    });
    req.end();
  });
}

export function createNodeExchange(): UpstreamExchange {
  const http = new HttpAgent({ keepAlive: true, maxSockets: 256 });
  const https = new HttpsAgent({ keepAlive: true, maxSockets: 256 });
  return async (url, headers, signal) => {
    const agent = url.startsWith('https:') ? https : http;
    try {
      return await send(url, headers, signal, agent);
    } catch (error) {
      if (!(error instanceof StaleSocketError)) throw error;
      // Nothing reached the upstream's application (it closed the socket as the request came),
      // and the GET is idempotent: asked once more, on a connection of its own (Node's docs,
      // http `request.reusedSocket`). Another pooled socket might be just as stale.
      return send(url, headers, signal, false);
    }
  };
}
