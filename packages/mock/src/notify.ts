// The mock MDSS's File Scanned notifications (MDSS 4.2+, domain notes §8.10): when a file's
// scenario reaches its end, a POST or PUT of the payload to a configured URL with configured
// static headers, as MDSS is configured. Best effort, as MDSS's: one attempt, no retry, a
// failure only reported (MDSS logs it on its Audit page).
import {
  type FileResult,
  type FileScannedNotification,
  isCanceled,
  NotifiedFileState,
  NotifiedFileStatus,
  ProcessingState,
  summarize,
  WebhookNotificationType,
} from '@mdss-kit/contract';

export interface NotifyOptions {
  /** Where to send them: the destination address MDSS is configured with. */
  url: string;
  /** The request type MDSS is configured with; default POST. */
  method?: 'POST' | 'PUT';
  /** Static custom headers, e.g. `{ authorization: 'Bearer <secret>' }`. */
  headers?: Record<string, string>;
  /** Blocked files only, as MDSS's "blocked only" scope; default every file. */
  onlyBlocked?: boolean;
  /** Told of each delivery: the status answered, or the error (nothing is retried). */
  onDelivery?: (fileId: string, outcome: { status: number } | { error: unknown }) => void;
}

function fileState(result: FileResult): string {
  if (result.processingState === ProcessingState.Failed) return NotifiedFileState.Failed;
  if (isCanceled(result)) return NotifiedFileState.Canceled;
  return NotifiedFileState.Available;
}

/** The payload MDSS sends for a file that finished with `result`. */
export function fileScannedNotification(id: string, result: FileResult): FileScannedNotification {
  const summary = summarize({ ...result, id });
  const blocked = summary.decision === 'blocked';
  return {
    FileId: id,
    FileName: result.name ?? id,
    FilePath: result.path ?? result.name ?? id,
    FileStatus: blocked ? NotifiedFileStatus.Blocked : NotifiedFileStatus.Allowed,
    CoreScanResult: result.scanResult?.scanResults?.scanAllResultA ?? summary.verdict?.label ?? '',
    FileState: fileState(result),
    RemediationResult: blocked ? [] : ['AllowedKept: Applied'],
    // MDSS writes six fractional digits; any RFC 3339 time is valid.
    ScanCompletedTimeStamp: new Date().toISOString().replace('Z', '000Z'),
    WorkflowName: 'Default Workflow',
    Rules: ['MetaDefender Storage Security'],
    ExceptionDetails: result.exceptionDetails ?? '',
    RemediationErrors: [],
    WebhookNotificationType: WebhookNotificationType.FileScanned,
  };
}

/** Sends one notification, once; resolves when it was answered or failed, never rejects. */
export async function sendNotification(options: NotifyOptions, payload: FileScannedNotification) {
  try {
    const response = await fetch(options.url, {
      method: options.method ?? 'POST',
      headers: { ...options.headers, 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(10_000),
    });
    await response.body?.cancel();
    options.onDelivery?.(payload.FileId, { status: response.status });
  } catch (error) {
    options.onDelivery?.(payload.FileId, { error });
  }
}

/** What a file's end does: a notification, unless its scope leaves this file out. */
export function notifier(options: NotifyOptions): (id: string, result: FileResult) => void {
  return (id, result) => {
    const payload = fileScannedNotification(id, result);
    if (options.onlyBlocked && payload.FileStatus !== NotifiedFileStatus.Blocked) return;
    void sendNotification(options, payload);
  };
}
