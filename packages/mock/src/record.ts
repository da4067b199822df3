// `mdss-mock record`: polls a real MDSS for a file until its processing ends and keeps every
// answer as a Recording (timing, status, kept headers, exact body text), redacted by default,
// each body checked against the contract and what the contract lacks reported.
import { type FileResult, isTerminal } from '@mdss-kit/contract';
import { contractGaps, mdssContract } from '@mdss-kit/contract/validate';
import { RECORDING_FORMAT, type RecordedAnswer, type Recording } from './recording.ts';
import { createRedactor } from './redact.ts';

/** The headers a replay needs; anything else (cookies, auth, tracing) is never written. */
const keptHeaders = ['content-type', 'retry-after', 'cache-control'];

export interface RecordOptions {
  /** The MDSS origin (and path prefix), e.g. `https://mdss.example.com`. */
  url: string;
  /** The bearer token: sent, never written. */
  token: string;
  id: string;
  /** Milliseconds between polls (a Retry-After asking for longer wins); default 1000. */
  intervalMs?: number;
  /** Keep personal data as it came; default false: every string but those of `keptFields`
   * (redact.ts) is redacted. The token is cut out either way. */
  keepNames?: boolean;
  /** Stop after this many answers even if the file is not done; default 1000. */
  maxAnswers?: number;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * A file could not be recorded: the connection failed, the URL is not one, or MDSS never answered
 * a result (a 404 is not a recording of a file).
 */
export class RecordError extends Error {
  override readonly name = 'RecordError';
}

/** A status, with what it likely means for a recording. */
function refusal(status: number): string {
  const meaning: Record<number, string> = {
    401: 'the token was refused',
    403: 'the token may not read this file',
    404: 'no file with this id there: check the id and --url',
  };
  return meaning[status] ? `${status} (${meaning[status]})` : String(status);
}

/** Whether an answer ends the recording: a finished file, or a refusal that will not change. */
function isEnd(status: number, body: unknown): boolean {
  if (status === 200)
    return typeof body === 'object' && body !== null && isTerminal(body as FileResult);
  return status >= 400 && status < 500 && status !== 429;
}

function parsed(text: string, contentType: string | null): unknown {
  if (!/json/i.test(contentType ?? '')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** What answer `index` has that the contract does not: mismatches, unknown properties, codes. */
function findingsOf(index: number, answer: RecordedAnswer): string[] {
  const contentType = answer.headers['content-type'] ?? null;
  if (answer.body === '') return [];
  const body = parsed(answer.body, contentType);
  let mismatch: string[];
  try {
    mismatch = mdssContract.responseErrors('/api/file/{id}', answer.status, body, { contentType });
  } catch (error) {
    mismatch = [(error as Error).message];
  }
  const gaps = typeof body === 'string' ? [] : contractGaps(answer.status, body);
  return [...mismatch.map((m) => `does not match the contract: ${m}`), ...gaps].map(
    (finding) => `answer ${index} (${answer.status}): ${finding}`,
  );
}

export async function recordFile(options: RecordOptions): Promise<Recording> {
  const {
    token,
    id,
    intervalMs = 1000,
    keepNames = false,
    maxAnswers = 1000,
    fetch: fetchFn = fetch,
    now = () => Date.now(),
    sleep = (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  } = options;
  let url: URL;
  try {
    url = new URL(`${options.url.replace(/\/+$/, '')}/api/file/${encodeURIComponent(id)}`);
  } catch {
    throw new RecordError(`'${options.url}' is not a URL (expected e.g. https://mdss.example.com)`);
  }
  // A token echoed in a body or header, in any encoding, is cut out even with keepNames.
  const redact = createRedactor({ token, keepNames });

  const answers: RecordedAnswer[] = [];
  let previous: number | undefined;
  for (;;) {
    const asked = now();
    let response: Response;
    let text: string;
    try {
      response = await fetchFn(url, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      });
      text = await response.text();
    } catch (error) {
      throw new RecordError(`GET ${url} failed after ${answers.length} answers`, { cause: error });
    }
    const headers: Record<string, string> = {};
    for (const name of keptHeaders) {
      const value = response.headers.get(name);
      if (value !== null) headers[name] = redact.header(value);
    }
    answers.push({
      delayMs: previous === undefined ? 0 : asked - previous,
      status: response.status,
      headers,
      body: redact.body(text, response.headers.get('content-type')),
    });
    previous = asked;
    if (isEnd(response.status, parsed(text, response.headers.get('content-type')))) break;
    if (answers.length >= maxAnswers) break;
    const retryAfter = Number(response.headers.get('retry-after'));
    await sleep(Math.max(intervalMs, Number.isFinite(retryAfter) ? retryAfter * 1000 : 0));
  }
  const last = answers.at(-1) as RecordedAnswer;
  if (!answers.some((answer) => answer.status === 200))
    throw new RecordError(
      `MDSS answered ${refusal(last.status)}, never a result: nothing recorded`,
    );
  return {
    format: RECORDING_FORMAT,
    id,
    redacted: !keepNames,
    answers,
    findings: answers.flatMap((answer, index) => findingsOf(index, answer)),
  };
}
