// A file's processing result condensed for display: the body of the proxy's
// `GET /api/file/{id}/summary`, shared with the client. Pure, and total over any JSON object:
// upstream bodies are checked only loosely at runtime, so every field is read defensively and a
// missing or mistyped field gives an absent or neutral summary field, never a throw.
import { dlpVerdictLabel, scanResultLabel } from './codes.ts';
import { ProcessingState, ScanResultCode } from './generated/mdss-codes.ts';
import type { components as ProxyComponents } from './generated/proxy.ts';
import { isEngine } from './is-engine.ts';
import { isCanceled, isTerminal } from './is-terminal.ts';
import type { FileResult } from './types.ts';

export type FileSummary = ProxyComponents['schemas']['FileSummary'];
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
  // Canceled or Available (docs/decisions/003): `summaryState` reads the record to tell which.
  [ProcessingState.CanceledOrAvailable, 'available'],
  [ProcessingState.Available, 'available'],
]);

function summaryState(record: FileResult, processingState: number | undefined): SummaryState {
  if (isCanceled(record)) return 'canceled';
  return states.get(processingState as number) ?? 'unknown';
}

const decisions = new Map<string, Decision>([
  ['allowed', 'allowed'],
  ['blocked', 'blocked'],
  ['processing', 'processing'],
]);

function decide(result: string | undefined, done: boolean, canceled: boolean): Decision {
  const known = result === undefined ? undefined : decisions.get(result.trim().toLowerCase());
  // A canceled file's scan never finished: whatever a partial record says, it was not allowed.
  if (canceled) return known === 'blocked' ? 'blocked' : 'unknown';
  return known ?? (done ? 'unknown' : 'processing');
}

/** Vulnerability severities in words, least to most severe (Core's detected-product scale). */
const severityWords = ['unknown', 'not_available', 'low', 'moderate', 'important', 'critical'];

/** A CVE's rank: its `severity_index` (0–5), else its word's place on the same scale. */
function severityRank(cve: Json): number {
  const index = integer(cve.severity_index);
  if (index !== undefined) return index;
  return severityWords.indexOf(string(cve.severity)?.trim().toLowerCase() ?? '');
}

/** CVEs under either spelling (Core's own OpenAPI writes `vulnerabilites`, §8.7), counted once each. */
function summarizeVulnerabilities(result: Json | undefined): FileSummary['vulnerabilities'] {
  const cves = [...array(result?.vulnerabilities), ...array(result?.vulnerabilites)]
    .map(object)
    .filter((cve): cve is Json => cve !== undefined);
  const summary: FileSummary['vulnerabilities'] = { count: cves.length };
  let highest: Json | undefined;
  for (const cve of cves) {
    if (string(cve.severity) && (!highest || severityRank(cve) > severityRank(highest))) {
      highest = cve;
    }
  }
  put(summary, 'highestSeverity', string(highest?.severity)?.trim().toLowerCase() || undefined);
  return summary;
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
  // Core's OpenAPI nests the DLP fields in a second `dlpInfo`; its documented results do not.
  const dlpNested = object(dlpInfo?.dlpInfo);
  const processingState = integer(record.processingState);
  const done = isTerminal(record as FileResult);
  const canceled = isCanceled(record as FileResult);

  // Core's `progress_percentage` and the like are not engines (§8.8).
  const engines = array(scanResults?.scanDetails)
    .filter(isEngine)
    .map((engine) => engine as Json);
  const threats: FileSummary['threats'] = [];
  for (const engine of engines) {
    const code = integer(engine.scanResultI);
    if (code === undefined || !detections.has(code)) continue;
    threats.push({
      engine: string(engine.engineName) ?? string(engine.engId) ?? 'unknown engine',
      // `threatFound` may be null (MetaDefender Cloud, §8.5) or empty: the code's label then.
      name: string(engine.threatFound) || scanResultLabel(code),
    });
  }
  const postProcessing = object(processInfo?.postProcessing);
  const sanitized = wasSanitized(string(postProcessing?.actionsRan));

  const summary: FileSummary = {
    id: string(record.id) ?? '',
    state: summaryState(record as FileResult, processingState),
    progress: {},
    done,
    decision: decide(string(processInfo?.result), done, canceled),
    engines: {
      total: Math.max(integer(scanResults?.totalAvs) ?? 0, engines.length),
      detected: threats.length,
    },
    threats,
    sanitized,
    vulnerabilities: summarizeVulnerabilities(object(object(scan?.vulnerabilityInfo)?.result)),
  };
  if (sanitized) put(summary, 'convertedTo', string(postProcessing?.convertedTo) || undefined);
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
  const dlpVerdict = integer(dlpInfo?.verdict) ?? integer(dlpNested?.verdict);
  if (dlpVerdict !== undefined) {
    summary.dlp = {
      verdict: dlpVerdict,
      label: dlpVerdictLabel(dlpVerdict),
      hits: countDlpHits(object(dlpInfo?.hits) ?? object(dlpNested?.hits)),
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
