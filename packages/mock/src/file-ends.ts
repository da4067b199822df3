// When a file's scan ends, for whoever asked to know (the mock server's notifications). A
// scenario ends at the poll that first answers it finished; one that ends at a known time
// (`endsAfterMs`: in progress for a duration) ends then, polled or not, as MDSS's scan does.
// Each run of a file ends once.
import { type FileResult, isTerminal } from '@mdss-kit/contract';
import type { Scenario } from './scenarios.ts';

/** Told once per run of a file, with the file's final result. */
export type OnFileEnd = (id: string, result: FileResult) => void;

export interface FileEnds {
  /** A run's end was answered (a poll saw it): told unless its timer told it already. */
  answered(run: string, id: string, result: FileResult): void;
  /** A run began: a scenario that ends at a known time is told then. */
  began(run: string, id: string, file: Scenario): void;
  /** Forgets every run and stops every timer. */
  reset(): void;
}

/** The final result of a scenario that ends at `ms`, or undefined when it ends otherwise. */
function finalAt(file: Scenario, id: string, ms: number): FileResult | undefined {
  const reply = file.reply(Number.MAX_SAFE_INTEGER, id, ms);
  return reply.kind === 'result' && isTerminal(reply.body) ? { ...reply.body, id } : undefined;
}

export function fileEnds(onEnd: OnFileEnd | undefined): FileEnds {
  const told = new Set<string>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const tell = (run: string, id: string, result: FileResult) => {
    if (!onEnd || told.has(run)) return;
    told.add(run);
    onEnd(id, result);
  };
  return {
    answered: tell,
    began(run, id, file) {
      const ms = file.endsAfterMs;
      if (!onEnd || ms === undefined) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        const result = finalAt(file, id, ms);
        if (result) tell(run, id, result);
      }, ms);
      // A pending notification never keeps a process alive.
      timer.unref?.();
      timers.add(timer);
    },
    reset() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      told.clear();
    },
  };
}
