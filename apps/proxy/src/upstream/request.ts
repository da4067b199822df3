// One request to the upstream MDSS, reduced to an outcome the proxy can act on. Only
// `GET <base>/api/file/<one encoded segment>` is ever sent, with only the caller's
// Authorization, Accept and the request id; the body is read under a byte limit and a deadline
// that covers the whole exchange, and a body that is not a JSON object with the `id` asked for
// is refused.

import { BodyTooLargeError, type FileResult, isSameFileId, readBounded } from '@mdss-kit/contract';
import { readDirectives } from '../cache/directives.ts';
import type { TraceSpan } from '../observe/trace-span.ts';
import type { UpstreamOutcome } from './outcome.ts';

export type UpstreamFetch = (url: string, init: RequestInit) => Promise<Response>;

/** An upstream answer, as far as this module reads it. */
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

/**
 * One GET to the upstream. `exchangeOverFetch` makes one of any fetch (Workers, Deno, Bun);
 * Node has its own on node:http (runtimes/node-exchange.ts), without WHATWG streams.
 */
export type UpstreamExchange = (
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
) => Promise<UpstreamReply>;

/** What reaches the upstream of the caller's request: nothing else is ever sent. */
export interface UpstreamHeaders {
  authorization: string;
  accept: string;
  requestId: string;
  /** The span this request is made under: its `traceparent` goes upstream (tracing.ts). */
  trace?: TraceSpan | undefined;
}

export interface UpstreamOptions {
  baseUrl: string;
  timeoutMs: number;
  maxBytes: number;
  exchange?: UpstreamExchange;
}

/** The upstream statuses whose bodies are read (and passed through); any other is dropped. */
export const passedThrough = new Set([400, 401, 403, 404, 429]);
const decoder = new TextDecoder('utf-8', { fatal: true });

export function exchangeOverFetch(send: UpstreamFetch = (url, init) => fetch(url, init)) {
  return async function exchange(
    url: string,
    headers: Record<string, string>,
    signal: AbortSignal,
  ): Promise<UpstreamReply> {
    const response = await send(url, { method: 'GET', headers, redirect: 'manual', signal });
    return {
      status: response.status,
      header: (name) => response.headers.get(name),
      read: (maxBytes) => readBounded(response.body, maxBytes),
      discard: () => void response.body?.cancel().catch(() => {}),
    };
  } satisfies UpstreamExchange;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function createUpstream(options: UpstreamOptions) {
  const exchange = options.exchange ?? exchangeOverFetch();
  const prefix = `${options.baseUrl}/api/file/`;

  /** `id` must already satisfy `fileIdProblem`; it is sent as one encoded path segment. */
  return async function fetchFile(id: string, headers: UpstreamHeaders): Promise<UpstreamOutcome> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    try {
      const sent: Record<string, string> = {
        authorization: headers.authorization,
        accept: headers.accept,
        'x-request-id': headers.requestId,
      };
      if (headers.trace) {
        sent.traceparent = headers.trace.traceparent;
        if (headers.trace.tracestate) sent.tracestate = headers.trace.tracestate;
      }
      const reply = await exchange(prefix + encodeURIComponent(id), sent, controller.signal);
      if (reply.status !== 200 && !passedThrough.has(reply.status)) {
        reply.discard();
        return {
          kind: 'server-error',
          status: reply.status,
          retryAfter: reply.header('retry-after'),
        };
      }
      // A declared length over the limit is refused before a byte is read.
      if (Number(reply.header('content-length')) > options.maxBytes) {
        reply.discard();
        throw new BodyTooLargeError(options.maxBytes);
      }
      const bytes = await reply.read(options.maxBytes);
      let text: string;
      try {
        text = decoder.decode(bytes);
      } catch {
        return { kind: 'invalid', reason: 'the body is not UTF-8 text' };
      }
      const json = parseJson(text);
      if (reply.status !== 200) {
        const retryAfter = reply.header('retry-after');
        return { kind: 'client-error', status: reply.status, json, retryAfter };
      }
      if (typeof json !== 'object' || json === null || Array.isArray(json)) {
        return { kind: 'invalid', reason: 'the body is not a JSON object' };
      }
      // Only `id` is checked here; everything that reads the rest (isTerminal, summarize) is
      // written to be total over any JSON object.
      const bodyId = (json as { id?: unknown }).id;
      if (typeof bodyId !== 'string' || bodyId === '') {
        return { kind: 'invalid', reason: 'the body has no string id' };
      }
      // Another file's result must not be cached, or served, under this id.
      if (!isSameFileId(bodyId, id)) {
        return { kind: 'invalid', reason: 'the body is the result of another file id' };
      }
      return {
        kind: 'result',
        bytes,
        result: json as FileResult,
        directives: readDirectives(reply.header),
      };
    } catch (error) {
      if (controller.signal.aborted) return { kind: 'timeout' };
      if (error instanceof BodyTooLargeError) {
        return { kind: 'invalid', reason: `the body is larger than ${options.maxBytes} bytes` };
      }
      return {
        kind: 'unreachable',
        reason: error instanceof Error ? error.message : String(error),
      };
    } finally {
      clearTimeout(timer);
    }
  };
}

export type FetchFile = ReturnType<typeof createUpstream>;
