// POST and PUT /hooks/mdss: MDSS's own notifications (docs/decisions/008). A notification is a
// hint, never data: it carries no user's credential, so of a File Scanned notification only its
// `FileId` is read, nothing of it is stored, logged or served, and all it does is make that file's
// watches poll now and its cached in-progress results stale (`hint`). MDSS never retries, so the
// answer (204) never waits on MDSS or the store: the polls follow it.
import { readNotification } from '@mdss-kit/contract';
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import { requireBearer } from '../http/bearer-secret.ts';
import { ProblemError, sendProblem } from '../http/problem.ts';

/** OPSWAT's example is under 0.5 KiB; a long path with many rules stays far below this. */
export const NOTIFICATION_MAX_BYTES = 16 * 1024;

export type RefusalReason = 'unauthorized' | 'too-large' | 'malformed' | 'unknown';

/** What became of one notification request, for the metrics (`notifications` observer part). */
export type NotificationOutcome =
  | { kind: 'refused'; reason: RefusalReason }
  /** Scan Completed: it names no file; nothing to do. */
  | { kind: 'ignored' }
  /** File Scanned: `watches` of that file were made to poll. */
  | { kind: 'applied'; watches: number }
  /**
   * A File Scanned another instance of the fleet received, relayed here as a hint (`Fleet.hint`):
   * `watches` of that file were made to poll here. No request to this instance's /hooks/mdss.
   */
  | { kind: 'relayed'; watches: number };

/** Told of every notification request's outcome, and of each hint the fleet relayed here. */
export type Noted = (outcome: NotificationOutcome) => void;

export interface NotificationsParts {
  secret: string;
  /** Makes every watch of the file id poll now and its in-progress entries stale; how many. */
  hint: (id: string) => number;
  noted: Noted;
}

const ROUTE = '/hooks/mdss';

const hookMethods = new ProblemError(
  'method-not-allowed',
  405,
  'Only POST and PUT are supported.',
  {
    headers: { allow: 'POST, PUT' },
  },
);
const tooLarge = new ProblemError(
  'too-large',
  413,
  `A notification is at most ${NOTIFICATION_MAX_BYTES} bytes.`,
);

/** The body's text, or undefined once it passes the bound (read no further). */
async function boundedText(request: Request): Promise<string | undefined> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > NOTIFICATION_MAX_BYTES) return undefined;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > NOTIFICATION_MAX_BYTES) {
      await reader.cancel();
      return undefined;
    }
    text += decoder.decode(read.value, { stream: true });
  }
  return text + decoder.decode();
}

/** Refuses the request with `problem`, counted under `reason`. */
function refuse(
  c: Context<AppEnv>,
  parts: NotificationsParts,
  reason: RefusalReason,
  problem: ProblemError,
) {
  parts.noted({ kind: 'refused', reason });
  return sendProblem(c, problem);
}

async function receive(c: Context<AppEnv>, parts: NotificationsParts): Promise<Response> {
  const text = await boundedText(c.req.raw);
  if (text === undefined) return refuse(c, parts, 'too-large', tooLarge);
  const reading = readNotification(text);
  if (reading.kind === 'malformed') {
    const problem = new ProblemError(
      'invalid-notification',
      400,
      `Not a notification: ${reading.why}.`,
    );
    return refuse(c, parts, 'malformed', problem);
  }
  if (reading.kind === 'unknown') {
    // The type is named for MDSS's Audit page, capped: it is the sender's text.
    const type = JSON.stringify(reading.type.slice(0, 64));
    const problem = new ProblemError(
      'unknown-notification',
      422,
      `Unknown WebhookNotificationType ${type}.`,
    );
    return refuse(c, parts, 'unknown', problem);
  }
  if (reading.kind === 'scan-completed') {
    parts.noted({ kind: 'ignored' });
    return c.body(null, 204);
  }
  const { fileId } = reading;
  // After the answer: the hint only clears timers and schedules polls, but it is not MDSS's wait.
  queueMicrotask(() => parts.noted({ kind: 'applied', watches: parts.hint(fileId) }));
  return c.body(null, 204);
}

/** Adds POST and PUT /hooks/mdss to `app` (and 405 for other methods), behind the secret. */
export function notificationsRoute(app: Hono<AppEnv>, parts: NotificationsParts): void {
  const guard = requireBearer(parts.secret, {
    realm: 'mdss-proxy notifications',
    detail: 'A notification needs the MDSS_NOTIFY_SECRET bearer token.',
  });
  app.on(
    ['POST', 'PUT'],
    ROUTE,
    async (c, next) => {
      c.set('route', ROUTE);
      try {
        return await guard(c, next);
      } catch (error) {
        if (error instanceof ProblemError) return refuse(c, parts, 'unauthorized', error);
        throw error;
      }
    },
    (c) => receive(c, parts),
  );
  app.all(ROUTE, (c) => {
    c.set('route', ROUTE);
    return sendProblem(c, hookMethods);
  });
}
