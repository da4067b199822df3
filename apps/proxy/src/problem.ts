// RFC 9457 problem documents for the errors the proxy itself produces.

export type ProblemKind =
  | 'unauthorized'
  | 'invalid-id'
  | 'invalid-path'
  | 'not-found'
  | 'method-not-allowed'
  | 'upstream-error'
  | 'upstream-unreachable'
  | 'upstream-invalid-response'
  | 'upstream-timeout'
  | 'internal';

const titles: Record<ProblemKind, string> = {
  unauthorized: 'Missing or malformed bearer token',
  'invalid-id': 'Invalid file id',
  'invalid-path': 'Not a file path',
  'not-found': 'Not found',
  'method-not-allowed': 'Method not allowed',
  'upstream-error': 'The upstream failed',
  'upstream-unreachable': 'The upstream could not be reached',
  'upstream-invalid-response': 'The upstream answered an unusable body',
  'upstream-timeout': 'The upstream did not answer in time',
  internal: 'Internal error',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  upstreamStatus?: number;
}

export function problem(
  kind: ProblemKind,
  status: number,
  detail: string,
  extra: { instance?: string; requestId?: string; upstreamStatus?: number } = {},
): Problem {
  return { type: `urn:mdss-kit:problem:${kind}`, title: titles[kind], status, detail, ...extra };
}
