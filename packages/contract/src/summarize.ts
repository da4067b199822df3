// A file's processing result condensed for display: the body of the proxy's
// `GET /api/file/{id}/summary`, shared with the client. Pure, and total over any JSON object:
// upstream bodies are checked only loosely at runtime, so every field is read defensively and a
// missing or mistyped field gives an absent or neutral summary field, never a throw.
import { dlpVerdictLabel, scanResultLabel } from './codes.ts';
import { ProcessingState, ScanResultCode } from './generated/mdss-codes.ts';
import type { components as ProxyComponents } from './generated/proxy.ts';
import { isTerminal } from './is-terminal.ts';
import type { FileResult } from './types.ts';

export type FileSummary = ProxyComponents['schemas']['FileSummary'];
/** One event of the proxy's `GET /api/file/{id}/events` stream. */
export type FileEvent = ProxyComponents['schemas']['FileEvent'];
export type SummaryState = ProxyComponents['schemas']['SummaryState'];
export type Decision = ProxyComponents['schemas']['Decision'];

type Json = Record<string, unknown>;

const object = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;
const string = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;
const integer = (value: unknown): number | undefined =>
  Number.isSafeInteger(value) ? (value as number) : undefined;
const percent = (value: unknown): number | undefined => {
  const n = integer(value);
  return n !== undefined && n >= 0 && n <= 100 ? n : undefined;
};
const array = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Engine codes that mean the engine found something: infected, suspicious, unwanted program. */
const detections = new Set<number>([
  ScanResultCode.Infected,
  ScanResultCode.Suspicious,
  ScanResultCode.PotentiallyUnwantedProgram,
]);

const states = new Map<number, SummaryState>([
  [ProcessingState.InProgress, 'in_progress'],
  [ProcessingState.Failed, 'failed'],
  [ProcessingState.Available, 'available'],
]);

const decisions = new Map<string, Decision>([
  ['allowed', 'allowed'],
  ['blocked', 'blocked'],
  ['processing', 'processing'],
]);

function decide(result: string | undefined, done: boolean): Decision {
  const known = result === undefined ? undefined : decisions.get(result.trim().toLowerCase());
  return known ?? (done ? 'unknown' : 'processing');
}

/** `actionsRan` lists post actions separated by `|`; "Sanitized" among them means Deep CDR ran. */
const wasSanitized = (actionsRan: string | undefined) =>
  actionsRan?.split('|').some((action) => action.trim().toLowerCase() === 'sanitized') ?? false;

function countDlpHits(hits: Json | undefined): number {
  let count = 0;
  for (const rule of Object.values(hits ?? {})) count += array(object(rule)?.hits).length;
  return count;
}

/** Sets `key` only when `value` is defined, as `exactOptionalPropertyTypes` wants. */
function put<T, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

export function summarize(result: FileResult): FileSummary {
  const record = object(result) ?? {};
  const scan = object(record.scanResult);
  const scanResults = object(scan?.scanResults);
  const processInfo = object(scan?.processInfo);
  const progress = object(record.progress);
  const dlpInfo = object(scan?.dlpInfo);
  const processingState = integer(record.processingState);
  const done = isTerminal(record as FileResult);

  const engines = array(scanResults?.scanDetails).map(object);
  const threats: FileSummary['threats'] = [];
  for (const engine of engines) {
    const code = integer(engine?.scanResultI);
    if (code === undefined || !detections.has(code)) continue;
    threats.push({
      engine: string(engine?.engineName) ?? string(engine?.engId) ?? 'unknown engine',
      name: string(engine?.threatFound) || scanResultLabel(code),
    });
  }

  const summary: FileSummary = {
    id: string(record.id) ?? '',
    state: states.get(processingState as number) ?? 'unknown',
    progress: {},
    done,
    decision: decide(string(processInfo?.result), done),
    engines: {
      total: Math.max(integer(scanResults?.totalAvs) ?? 0, engines.length),
      detected: threats.length,
    },
    threats,
    sanitized: wasSanitized(string(object(processInfo?.postProcessing)?.actionsRan)),
  };
  put(summary, 'name', string(record.name) ?? string(object(scan?.fileInfo)?.displayName));
  const size = integer(record.size);
  put(summary, 'size', size !== undefined && size >= 0 ? size : undefined);
  put(summary, 'sha256', string(object(scan?.fileInfo)?.sha256));
  put(summary, 'processingState', processingState);
  put(summary.progress, 'upload', percent(progress?.upload));
  put(summary.progress, 'scan', percent(progress?.scan));
  const verdict = integer(scanResults?.scanAllResultI);
  if (verdict !== undefined) summary.verdict = { code: verdict, label: scanResultLabel(verdict) };
  put(summary, 'blockedReason', string(processInfo?.blockedReason) || undefined);
  const dlpVerdict = integer(dlpInfo?.verdict);
  if (dlpVerdict !== undefined) {
    summary.dlp = {
      verdict: dlpVerdict,
      label: dlpVerdictLabel(dlpVerdict),
      hits: countDlpHits(object(dlpInfo?.hits)),
    };
  }
  if (processingState === ProcessingState.Failed) {
    put(
      summary,
      'failure',
      string(record.exceptionDetails) || 'Processing failed (no details given)',
    );
  }
  return summary;
}
