import { describe, expect, it } from 'vitest';
import { ProblemError } from '../http/problem.ts';
import { answerFailure } from './failures.ts';
import type { FileFailure } from './outcome.ts';

const answered = (failure: FileFailure) => {
  const answer = answerFailure(failure, 1500);
  return answer instanceof ProblemError
    ? {
        problem: answer.kind,
        status: answer.status,
        detail: answer.detail,
        headers: answer.options.headers ?? {},
        upstreamStatus: answer.options.upstreamStatus,
      }
    : { passedThrough: answer.json, status: answer.status, headers: answer.headers };
};

describe('answerFailure', () => {
  it.each<[string, FileFailure, ReturnType<typeof answered>]>([
    [
      'a 404 with a JSON body passes through, uncached',
      { kind: 'client-error', status: 404, json: { err: 'gone' }, retryAfter: null },
      { passedThrough: { err: 'gone' }, status: 404, headers: { 'cache-control': 'no-store' } },
    ],
    [
      'a 429 with a JSON body passes through with its Retry-After',
      { kind: 'client-error', status: 429, json: {}, retryAfter: '7' },
      {
        passedThrough: {},
        status: 429,
        headers: { 'cache-control': 'no-store', 'retry-after': '7' },
      },
    ],
    [
      'a 429 whose body is not JSON (an HTML page) becomes upstream-rate-limited, keeping the status and the Retry-After',
      { kind: 'client-error', status: 429, json: undefined, retryAfter: '7' },
      {
        problem: 'upstream-rate-limited',
        status: 429,
        detail:
          'The upstream answered 429 (too many requests) without a JSON body: back off, and retry after Retry-After.',
        headers: { 'cache-control': 'no-store', 'retry-after': '7' },
        upstreamStatus: 429,
      },
    ],
    [
      'an empty 401 (MDSS’s .NET back end) becomes upstream-rejected with the status, never passed on',
      { kind: 'client-error', status: 401, json: undefined, retryAfter: null },
      {
        problem: 'upstream-rejected',
        status: 401,
        detail:
          'The upstream answered 401 without a JSON body (such as an empty body or an HTML page).',
        headers: { 'cache-control': 'no-store' },
        upstreamStatus: 401,
      },
    ],
    [
      'a 403 with a JSON envelope passes through, uncached',
      {
        kind: 'client-error',
        status: 403,
        json: { ResponseKey: 'FORBIDDEN', ResponseMessage: 'denied' },
        retryAfter: null,
      },
      {
        passedThrough: { ResponseKey: 'FORBIDDEN', ResponseMessage: 'denied' },
        status: 403,
        headers: { 'cache-control': 'no-store' },
      },
    ],
    [
      'a busy upstream’s 503 stays 503 (upstream-unavailable) with its Retry-After',
      { kind: 'server-error', status: 503, retryAfter: '5' },
      {
        problem: 'upstream-unavailable',
        status: 503,
        detail: 'The upstream answered 503 (busy): retry after 5.',
        headers: { 'retry-after': '5' },
        upstreamStatus: 503,
      },
    ],
    [
      'a 503 without Retry-After stays 503, and invents none',
      { kind: 'server-error', status: 503, retryAfter: null },
      {
        problem: 'upstream-unavailable',
        status: 503,
        detail: 'The upstream answered 503 (busy): back off, and retry.',
        headers: {},
        upstreamStatus: 503,
      },
    ],
    [
      'any other 5xx (NGINX’s HTML 502 and 504 included) becomes a 502 naming it',
      { kind: 'server-error', status: 504, retryAfter: null },
      {
        problem: 'upstream-error',
        status: 502,
        detail: 'The upstream answered 504.',
        headers: {},
        upstreamStatus: 504,
      },
    ],
    [
      'a 405 (a status the proxy does not pass on) becomes a 502 naming it',
      { kind: 'server-error', status: 405, retryAfter: null },
      {
        problem: 'upstream-error',
        status: 502,
        detail: 'The upstream answered 405.',
        headers: {},
        upstreamStatus: 405,
      },
    ],
    [
      'a refused body becomes a 502 saying why',
      { kind: 'invalid', reason: 'the body is not a JSON object' },
      {
        problem: 'upstream-invalid-response',
        status: 502,
        detail: "The upstream's answer was refused: the body is not a JSON object.",
        headers: {},
        upstreamStatus: undefined,
      },
    ],
    [
      'no connection becomes a 502',
      { kind: 'unreachable', reason: 'ECONNREFUSED' },
      {
        problem: 'upstream-unreachable',
        status: 502,
        detail: 'The upstream could not be reached.',
        headers: {},
        upstreamStatus: undefined,
      },
    ],
    [
      'no answer in time becomes a 504 naming the deadline',
      { kind: 'timeout' },
      {
        problem: 'upstream-timeout',
        status: 504,
        detail: 'The upstream did not answer within 1500 ms.',
        headers: {},
        upstreamStatus: undefined,
      },
    ],
    [
      "a spent credential's budget becomes a 429 with Retry-After and the RateLimit fields",
      {
        kind: 'rate-limited',
        spent: {
          retryAfterSeconds: 3,
          policy: '"new-ids";q=2000;w=20',
          state: '"new-ids";r=0;t=3',
        },
      },
      {
        problem: 'rate-limited',
        status: 429,
        detail:
          "This credential's budget of new ids is spent: retry in 3 s (cached results, and files it was already answered for, are still served).",
        headers: {
          'retry-after': '3',
          ratelimit: '"new-ids";r=0;t=3',
          'ratelimit-policy': '"new-ids";q=2000;w=20',
        },
        upstreamStatus: undefined,
      },
    ],
    [
      'a full upstream gate becomes a 503 with Retry-After',
      { kind: 'upstream-busy', retryAfterSeconds: 1 },
      {
        problem: 'upstream-busy',
        status: 503,
        detail:
          'The proxy has as many requests under way to the upstream as it allows; retry shortly.',
        headers: { 'retry-after': '1' },
        upstreamStatus: undefined,
      },
    ],
  ])('%s', (_name, failure, expected) => {
    expect(answered(failure)).toEqual(expected);
  });
});
