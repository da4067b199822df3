// The system clock with every delay asked for recorded: for tests whose cuts and refusals come
// in real time (MSW's streams), that still assert the pauses the client chose.
import { type Clock, systemClock } from '../src/clock.ts';

export function recordingClock(): Clock & { delays: number[] } {
  const delays: number[] = [];
  return {
    ...systemClock,
    delays,
    setTimeout: (callback: () => void, ms: number) => {
      delays.push(ms);
      return systemClock.setTimeout(callback, ms);
    },
  };
}
