// One request to the upstream MDSS, reduced to an outcome the proxy can act on. Only
// `GET <base>/api/file/<one encoded segment>` is ever sent, with only the caller's
// Authorization, Accept and the request id; the body is read under a byte limit and a deadline
// that covers the whole exchange (reply.ts), and a body that is not a JSON object with the `id`
// asked for is refused.

import { type FileResult, isSameFileId } from '@mdss-kit/contract';
import { readDirectives } from '../cache/directives.ts';
import type { TraceSpan } from '../observe/trace-span.ts';
import type { UpstreamOutcome } from './outcome.ts';
import {
  DeadlineError,
  type ReplyBody,
  readReply,
  replyOfResponse,
  type UpstreamReply,
} from './reply.ts';

export type UpstreamFetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * One GET to the upstream, given `timeoutMs` for all of it, the reply's body included: past it the
 * exchange, or its reply's read, rejects with a `DeadlineError`. `exchangeOverFetch` makes one of
 * any fetch (Workers, Deno, Bun); Node has its own on node:http (runtimes/node-exchange.ts),
 * without WHATWG streams or an AbortSignal.
 */
export type UpstreamExchange = (
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
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

const decoder = new TextDecoder('utf-8', { fatal: true });

export function exchangeOverFetch(send: UpstreamFetch = (url, init) => fetch(url, init)) {
  return async function exchange(
    url: string,
    headers: Record<string, string>,
    timeoutMs: number,
  ): Promise<UpstreamReply> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const { signal } = controller;
    const passed = (error: unknown) => (signal.aborted ? new DeadlineError() : error);
    try {
      const reply = replyOfResponse(
        await send(url, { method: 'GET', headers, redirect: 'manual', signal }),
      );
      return {
        ...reply,
        read: (maxBytes) =>
          reply
            .read(maxBytes)
            .catch((error) => Promise.reject(passed(error)))
            .finally(() => clearTimeout(timer)),
        discard() {
          clearTimeout(timer);
          reply.discard();
        },
      };
    } catch (error) {
      clearTimeout(timer);
      throw passed(error);
    }
  } satisfies UpstreamExchange;
}

/** The headers sent upstream: the caller's credential and Accept, the request id, the trace. */
function sentHeaders(headers: UpstreamHeaders): Record<string, string> {
  const sent: Record<string, string> = {
    authorization: headers.authorization,
    accept: headers.accept,
    'x-request-id': headers.requestId,
  };
  if (headers.trace) {
    sent.traceparent = headers.trace.traceparent;
    if (headers.trace.tracestate) sent.tracestate = headers.trace.tracestate;
  }
  return sent;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A 200's JSON as the result of file `id`, or why it is refused. */
function resultOf(json: unknown, id: string): FileResult | string {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return 'the body is not a JSON object';
  }
  // Only `id` is checked here; everything that reads the rest (isTerminal, summarize) is
  // written to be total over any JSON object.
  const bodyId = (json as { id?: unknown }).id;
  if (typeof bodyId !== 'string' || bodyId === '') return 'the body has no string id';
  // Another file's result must not be cached, or served, under this id.
  if (!isSameFileId(bodyId, id)) return 'the body is the result of another file id';
  return json as FileResult;
}

/** The outcome of a reply for file `id`, from its status, its headers and what was read. */
function outcomeOf(reply: UpstreamReply, body: ReplyBody, id: string): UpstreamOutcome {
  const { status } = reply;
  const retryAfter = reply.header('retry-after');
  if (body.kind === 'unread') return { kind: 'server-error', status, retryAfter };
  if (body.kind === 'too-large') {
    return { kind: 'invalid', reason: `the body is larger than ${body.maxBytes} bytes` };
  }
  let text: string;
  try {
    text = decoder.decode(body.bytes);
  } catch {
    return { kind: 'invalid', reason: 'the body is not UTF-8 text' };
  }
  const json = parseJson(text);
  if (status !== 200) return { kind: 'client-error', status, json, retryAfter };
  const result = resultOf(json, id);
  if (typeof result === 'string') return { kind: 'invalid', reason: result };
  return { kind: 'result', bytes: body.bytes, result, directives: readDirectives(reply.header) };
}

export function createUpstream(options: UpstreamOptions) {
  const exchange = options.exchange ?? exchangeOverFetch();
  const prefix = `${options.baseUrl}/api/file/`;

  /** `id` must already satisfy `fileIdProblem`; it is sent as one encoded path segment. */
  return async function fetchFile(id: string, headers: UpstreamHeaders): Promise<UpstreamOutcome> {
    try {
      const url = prefix + encodeURIComponent(id);
      const reply = await exchange(url, sentHeaders(headers), options.timeoutMs);
      return outcomeOf(reply, await readReply(reply, options.maxBytes), id);
    } catch (error) {
      if (error instanceof DeadlineError) return { kind: 'timeout' };
      return {
        kind: 'unreachable',
        reason: error instanceof Error ? error.message : String(error),
      };
    }
  };
}

export type FetchFile = ReturnType<typeof createUpstream>;
