// How many event streams may be open: per credential (a person with many tabs, a CI job
// watching a batch: STREAMS_PER_CREDENTIAL) and in all (STREAMS_MAX), so that streams, which
// each hold a connection and a timer, cannot exhaust the process.
import { ProblemError } from './problem.ts';

/** How long a refused client should wait before it tries again, in seconds. */
const RETRY_AFTER = '5';

export function createStreamLimits(perCredential: number, total: number) {
  const open = new Map<string, number>();
  let all = 0;
  return {
    /** A release for the stream, or the problem that refuses it. */
    open(credential: string): (() => void) | ProblemError {
      if (all >= total) {
        return new ProblemError(
          'streams-full',
          503,
          'The proxy has as many streams open as it allows; retry shortly, or poll.',
          {
            headers: { 'retry-after': RETRY_AFTER },
          },
        );
      }
      const mine = open.get(credential) ?? 0;
      if (mine >= perCredential) {
        return new ProblemError(
          'too-many-streams',
          429,
          `This credential already has ${mine} streams open: close one, or poll.`,
          {
            headers: { 'retry-after': RETRY_AFTER },
          },
        );
      }
      open.set(credential, mine + 1);
      all++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        all--;
        const left = (open.get(credential) ?? 1) - 1;
        if (left > 0) open.set(credential, left);
        else open.delete(credential);
      };
    },
    /** Streams open now, every credential together. */
    get count() {
      return all;
    },
  };
}
