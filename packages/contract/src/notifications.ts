// MDSS's own notifications (`openapi/mdss.yaml`'s webhooks, domain notes §8.10) as named types,
// and the one rule for reading one: what the proxy's `/hooks/mdss` answers a body with. A
// notification is a hint, never data (docs/decisions/008): only its type and `FileId` are read.
import { fileIdProblem } from './file-id.ts';
import type { components } from './generated/mdss.ts';
import { WebhookNotificationType } from './generated/mdss-codes.ts';
import type { components as ProxyComponents } from './generated/proxy.ts';

export {
  NotifiedFileState,
  NotifiedFileStatus,
  notifiedFileStateLabels,
  notifiedFileStatusLabels,
  ScanCompletionStatus,
  scanCompletionStatusLabels,
  WebhookNotificationType,
  webhookNotificationTypeLabels,
} from './generated/mdss-codes.ts';

/** MDSS's File Scanned webhook payload, PascalCase as sent. */
export type FileScannedNotification = components['schemas']['FileScannedNotification'];
/** MDSS's Scan Completed webhook payload. */
export type ScanCompletedNotification = components['schemas']['ScanCompletedNotification'];
/** Either notification, as the proxy's `/hooks/mdss` receives it. */
export type Notification = ProxyComponents['schemas']['Notification'];

/** What a notification's body says, for the receiver to act on (or refuse). */
export type NotificationReading =
  /** A file was scanned: poll it (a hint; nothing else of the body is read). */
  | { kind: 'file-scanned'; fileId: string }
  /** A scan completed: it names no file, so there is nothing to do. */
  | { kind: 'scan-completed' }
  /** A well-formed notification of a type this contract does not know (422). */
  | { kind: 'unknown'; type: string }
  /** Not a notification at all (400), and why. */
  | { kind: 'malformed'; why: string };

function parsed(text: string): Record<string, unknown> | string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'the body is not JSON';
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return 'the body is not a JSON object';
  }
  return body as Record<string, unknown>;
}

/** Reads a notification's body (its text), as `POST /hooks/mdss` does after its checks. */
export function readNotification(text: string): NotificationReading {
  const body = parsed(text);
  if (typeof body === 'string') return { kind: 'malformed', why: body };
  const type = body.WebhookNotificationType;
  if (typeof type !== 'string') {
    return { kind: 'malformed', why: 'WebhookNotificationType is not a string' };
  }
  if (type === WebhookNotificationType.ScanCompleted) return { kind: 'scan-completed' };
  if (type !== WebhookNotificationType.FileScanned) return { kind: 'unknown', type };
  const fileId = body.FileId;
  if (typeof fileId !== 'string') return { kind: 'malformed', why: 'FileId is not a string' };
  const problem = fileIdProblem(fileId);
  return problem
    ? { kind: 'malformed', why: `FileId: ${problem}` }
    : { kind: 'file-scanned', fileId };
}
