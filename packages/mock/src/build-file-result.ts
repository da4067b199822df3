// Complete, internally consistent FileResults from a deep-partial override. The record is first
// derived from what decides everything else (state, progress, engines, name, size), then the
// override is laid over it, so an explicit field always wins and everything not given agrees.
import {
  type FileResult,
  ProcessingState,
  type ScanDetail,
  ScanResultCode,
  scanResultLabel,
} from '@mdss-kit/contract';
import { createRandom } from './random.ts';

/** Objects partial at every depth; arrays are given whole (their items are partial already). */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export interface BuildOptions {
  /** Varies ids, hashes, sizes and timings; the default gives one fixed file. */
  seed?: number;
}

export const DEFAULT_ENGINES = ['ClamAV', 'ESET', 'Bitdefender', 'Avira'] as const;

// A fixed clock: fixtures never read the real time.
const EPOCH = Date.parse('2026-11-24T09:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** Overall result from the engines' codes, by the reference's priority. */
function overallResult(engines: ScanDetail[]): number {
  const codes = new Set(engines.map((engine) => engine.scanResultI));
  for (const code of [
    ScanResultCode.Infected,
    ScanResultCode.Suspicious,
    ScanResultCode.PotentiallyUnwantedProgram,
  ]) {
    if (codes.has(code)) return code;
  }
  if (engines.length === 0) return ScanResultCode.NotScanned;
  if ([...codes].every((code) => code === ScanResultCode.Failed)) return ScanResultCode.Failed;
  return ScanResultCode.NoThreatDetected;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Lays `override` over `base`: objects merge, anything else (arrays included) replaces. The
 * result shares no object with `override`, so building never changes the caller's input.
 */
export function deepMerge<T>(base: T, override: unknown): T {
  if (override === undefined) return base;
  if (Array.isArray(override)) return [...override] as T;
  if (!isObject(override)) return override as T;
  const merged: Record<string, unknown> = isObject(base) ? { ...base } : {};
  for (const [key, value] of Object.entries(override)) {
    if (value !== undefined) merged[key] = deepMerge(merged[key], value);
  }
  return merged as T;
}

export function buildFileResult(
  overrides: DeepPartial<FileResult> = {},
  { seed = 1 }: BuildOptions = {},
): FileResult {
  const random = createRandom(seed);
  const state = overrides.processingState ?? ProcessingState.Available;
  const upload = overrides.progress?.upload ?? 100;
  const scanned = state !== ProcessingState.InProgress && state !== ProcessingState.Failed;
  const scan = overrides.progress?.scan ?? (scanned ? 100 : 0);
  // State 2 below 100 % is a canceled file (docs/decisions/003): its scan stopped part-way.
  const canceled = state === ProcessingState.CanceledOrAvailable && scan < 100;
  /** Whether the scan ran to its end: what decides the engines, the verdict and the decision. */
  const finished = state !== ProcessingState.InProgress && !canceled;
  const name = overrides.name ?? 'quarterly-report.pdf';
  const size = overrides.size ?? random.int(1_024, 20_000_000);
  const created = EPOCH + random.int(0, 86_400) * 1000 + random.int(0, 999);
  const uploadTimeSpanMs = random.int(200, 3_000);
  const queueTime = random.int(5, 200);
  const dataId = random.hex(32);
  const md5 = random.hex(32);

  const allEngines: ScanDetail[] =
    (overrides.scanResult?.scanResults?.scanDetails as ScanDetail[] | undefined) ??
    DEFAULT_ENGINES.map((engineName) => ({
      engineName,
      scanResultI: ScanResultCode.NoThreatDetected,
      threatFound: '',
    }));
  // While the scan runs, only the engines that are done have reported.
  const reported = finished
    ? allEngines
    : allEngines.slice(0, Math.floor((allEngines.length * scan) / 100));
  const scanDetails = reported.map((engine, i) => ({
    engineName: `Engine${i + 1}`,
    engId: `${(engine.engineName ?? `engine${i + 1}`).toLowerCase().replace(/[^a-z0-9]+/g, '')}_1_linux`,
    scanResultI: ScanResultCode.NoThreatDetected,
    threatFound: '',
    defTime: iso(EPOCH - random.int(1, 48) * 3_600_000),
    scanTime: random.int(1, 40),
    waitTime: random.int(0, 5),
    ...engine,
  }));
  const overall = finished ? overallResult(scanDetails) : ScanResultCode.InProgress;
  const detected = overall === ScanResultCode.Infected || overall === ScanResultCode.Suspicious;
  const decision = !finished ? 'Processing' : detected ? 'Blocked' : 'Allowed';
  const processingTime =
    scanDetails.reduce((sum, engine) => sum + (engine.scanTime ?? 0), 0) + random.int(20, 120);
  const uploaded = upload >= 100;

  const base: FileResult = {
    id: random.hex(24),
    storageType: 0,
    storageName: 'S3 Storage',
    scanId: random.hex(24),
    fileOwner: {
      userId:
        `${random.hex(8)}-${random.hex(4)}-${random.hex(4)}-${random.hex(4)}-${random.hex(12)}`.toUpperCase(),
    },
    name,
    path: `finance/2026/${name}`,
    hash: md5,
    progress: { upload, scan },
    size,
    processingState: state,
    created: iso(created),
    ...(uploaded ? { uploadTimeSpanMs, uploadCompleted: iso(created + uploadTimeSpanMs) } : {}),
    engineVersions: [],
  };
  if (state === ProcessingState.Failed) {
    base.exceptionDetails =
      'Failed to download the file from the storage: The specified key does not exist.';
  }
  // Core has the file once the upload is done; a failed file never reached it.
  if (uploaded && state !== ProcessingState.Failed) {
    base.scanResult = {
      dataId,
      scanResults: {
        scanDetails,
        dataId,
        scanAllResultI: overall,
        scanAllResultA: scanResultLabel(overall),
        startTime: iso(created + uploadTimeSpanMs + queueTime),
        totalTime: processingTime,
        totalAvs: allEngines.length,
        progressPercentage: scan,
      },
      fileInfo: {
        fileSize: size,
        uploadTimestamp: iso(created + uploadTimeSpanMs),
        md5,
        sha1: random.hex(40),
        sha256: random.hex(64),
        fileTypeDescription: 'Adobe Portable Document Format',
        displayName: name,
      },
      processInfo: {
        progressPercentage: scan,
        userAgent: 'mdss',
        profile: 'MetaDefender Storage Security',
        result: decision,
        blockedReason: decision === 'Blocked' ? scanResultLabel(overall) : '',
        fileTypeSkippedScan: false,
        queueTime,
        ...(finished
          ? {
              processingTime,
              postProcessing: {
                actionsRan: '',
                actionsFailed: '',
                convertedTo: '',
                copyMoveDestination: '',
                convertedDestination: '',
              },
            }
          : {}),
      },
      ...(finished ? { dlpInfo: { verdict: 0 }, vulnerabilityInfo: {} } : {}),
    };
  }
  const result = deepMerge(base, overrides);
  // The override's engines were completed above (ids, times): keep those, not the bare items.
  if (result.scanResult?.scanResults && overrides.scanResult?.scanResults?.scanDetails) {
    result.scanResult.scanResults.scanDetails = scanDetails;
  }
  return result;
}
