// A recording of one real file's answers, as `mdss-mock record` writes it and
// `scenario.replay` plays it: each answer's timing, status, kept headers and exact body text.
import { isJson, rewriteJson } from './json-text.ts';

export const RECORDING_FORMAT = 'mdss-kit-recording/1';

export interface RecordedAnswer {
  /** Milliseconds from the previous answer's request to this one's (0 for the first). */
  delayMs: number;
  status: number;
  /** The headers worth replaying (content type, Retry-After, caching); never a credential. */
  headers: Record<string, string>;
  /** The body exactly as received (after redaction, which keeps every other byte). */
  body: string;
}

export interface Recording {
  format: typeof RECORDING_FORMAT;
  /** The id the file was recorded under. */
  id: string;
  /** Whether names, paths, owners and hashes were replaced by placeholders. */
  redacted: boolean;
  answers: RecordedAnswer[];
  /**
   * What the answers had that the contract does not (`answer <n>: …`): unknown properties and
   * codes, and any mismatch. How the contract learns.
   */
  findings: string[];
}

/** Bad recording input (a file that is not a recording): says what is wrong and where. */
export class RecordingError extends Error {
  override readonly name = 'RecordingError';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function answerProblem(answer: unknown): string | undefined {
  if (!isRecord(answer)) return 'is not an object';
  const { delayMs, status, headers, body } = answer;
  if (typeof delayMs !== 'number' || !(delayMs >= 0)) return 'has no delayMs ≥ 0';
  if (!Number.isInteger(status) || (status as number) < 100 || (status as number) > 599)
    return 'has no HTTP status';
  if (!isRecord(headers) || Object.values(headers).some((v) => typeof v !== 'string'))
    return 'has headers that are not strings';
  if (typeof body !== 'string') return 'has a body that is not a string';
  return undefined;
}

/** `value` as a recording, or a RecordingError naming the first thing wrong with it. */
export function parseRecording(value: unknown, source = 'the recording'): Recording {
  const fail = (problem: string) => {
    throw new RecordingError(`${source} ${problem}`);
  };
  if (!isRecord(value)) return fail('is not a JSON object');
  if (value.format !== RECORDING_FORMAT)
    return fail(
      `is not in the format ${RECORDING_FORMAT} (format: ${JSON.stringify(value.format)})`,
    );
  if (typeof value.id !== 'string' || value.id === '') return fail('has no id');
  if (!Array.isArray(value.answers) || value.answers.length === 0) return fail('has no answers');
  value.answers.forEach((answer, index) => {
    const problem = answerProblem(answer);
    if (problem) fail(`answer ${index} ${problem}`);
  });
  return {
    format: RECORDING_FORMAT,
    id: value.id,
    redacted: value.redacted === true,
    answers: value.answers as RecordedAnswer[],
    findings: Array.isArray(value.findings) ? value.findings.map(String) : [],
  };
}

/** How fast a replay goes: a factor of the recorded pace, or one answer per poll. */
export type ReplaySpeed = number | 'per-poll';

/** The recorded answer due at `poll`, `elapsedMs` after the first poll, at `speed`. */
export function answerDue(
  recording: Recording,
  poll: number,
  elapsedMs: number,
  speed: ReplaySpeed,
): RecordedAnswer {
  const { answers } = recording;
  if (speed === 'per-poll') return answers[Math.min(poll, answers.length - 1)] as RecordedAnswer;
  let due = answers[0] as RecordedAnswer;
  let at = 0;
  for (const answer of answers) {
    at += answer.delayMs;
    if (at / speed > elapsedMs) break;
    due = answer;
  }
  return due;
}

/**
 * A recorded result's body as the answer for `id`: the id asked for in place of the recorded
 * one (that string alone changes), so a recording serves any id a test gives it, and a client
 * that checks the id (ours does) takes it. Other bodies are played as they are.
 */
export function bodyFor({ status, body }: RecordedAnswer, id: string): string {
  if (status !== 200 || !isJson(body)) return body;
  return rewriteJson(body, {
    value: (path, decoded) =>
      path.length === 1 && path[0] === 'id' && decoded !== id ? id : undefined,
  });
}
