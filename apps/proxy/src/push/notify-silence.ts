// Notifications configured but never arriving look like notifications off: MDSS sends each one
// once and never retries, so a wrong URL or header in MDSS shows only as silence. This notices
// it: watched files that finish while no notification has come for a while mean MDSS is not
// reaching the proxy (or sends only for blocked files, and none were blocked). It warns once
// (a log line), reports it on /readyz, and clears when a notification comes.
import type { Log } from '../http/access-log.ts';

/** Watched files finished since the last notification that make a silence worth a warning. */
export const SILENT_FILES = 10;
/** ... and for how long no notification must have come (or since the start). */
export const SILENT_MS = 10 * 60_000;

export interface NotifySilenceParts {
  now: () => number;
  log: Log;
}

export function createNotifySilence({ now, log }: NotifySilenceParts) {
  let lastReceived: number | undefined;
  let quietSince = now();
  let finished = 0;
  let silent = false;
  return {
    /** A notification was accepted. */
    received(): void {
      lastReceived = now();
      quietSince = lastReceived;
      finished = 0;
      if (!silent) return;
      silent = false;
      log({ level: 'info', msg: 'MDSS notifications arrive again' });
    },
    /** A watched file was seen done. */
    finished(): void {
      finished++;
      if (silent || finished < SILENT_FILES || now() - quietSince < SILENT_MS) return;
      silent = true;
      log({
        level: 'warn',
        msg: 'MDSS_NOTIFY_SECRET is set but no notification came while watched files finished by polling alone: check the notification URL and Authorization header in MDSS (or it sends only for blocked files)',
        finished,
        quietSeconds: Math.round((now() - quietSince) / 1000),
      });
    },
    /** What /readyz reports. */
    get state(): { silent: boolean; lastReceivedAt?: string } {
      return lastReceived === undefined
        ? { silent }
        : { silent, lastReceivedAt: new Date(lastReceived).toISOString() };
    },
  };
}

export type NotifySilence = ReturnType<typeof createNotifySilence>;
