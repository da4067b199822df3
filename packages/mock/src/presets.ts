// The results users test most, one function each. Every preset takes a deep-partial override and
// a seed like buildFileResult, so `presets.infected({ name: 'a.exe' })` is still consistent.
import { DlpVerdict, type FileResult, ProcessingState, ScanResultCode } from '@mdss-kit/contract';
import {
  type BuildOptions,
  buildFileResult,
  DEFAULT_ENGINES,
  type DeepPartial,
  deepMerge,
} from './build-file-result.ts';

type Override = DeepPartial<FileResult>;

const build = (
  preset: Override,
  override: Override | undefined,
  options: BuildOptions | undefined,
) => buildFileResult(deepMerge(preset, override ?? {}), options);

/** Engines with a detection, as `[engine, threat]`; the other default engines stay clean. */
function withDetections(code: number, detections: readonly (readonly [string, string])[]) {
  const found = new Map(detections);
  const names = [...new Set([...DEFAULT_ENGINES, ...found.keys()])];
  return names.map((engineName) => {
    const threat = found.get(engineName);
    return threat === undefined
      ? { engineName, scanResultI: ScanResultCode.NoThreatDetected, threatFound: '' }
      : { engineName, scanResultI: code, threatFound: threat };
  });
}

export interface InfectedOptions {
  /** `[engine, threat]` pairs; by default two engines find the EICAR test file. */
  detections?: readonly (readonly [string, string])[];
}

export const presets = {
  clean: (override?: Override, options?: BuildOptions) =>
    build({ processingState: ProcessingState.Available }, override, options),

  infected: (
    {
      detections = [
        ['ClamAV', 'Eicar-Test-Signature'],
        ['ESET', 'Eicar test file'],
      ],
    }: InfectedOptions = {},
    override?: Override,
    options?: BuildOptions,
  ) =>
    build(
      {
        name: 'invoice.pdf.exe',
        scanResult: {
          scanResults: { scanDetails: withDetections(ScanResultCode.Infected, detections) },
        },
      },
      override,
      options,
    ),

  suspicious: (override?: Override, options?: BuildOptions) =>
    build(
      {
        scanResult: {
          scanResults: {
            scanDetails: withDetections(ScanResultCode.Suspicious, [
              ['Bitdefender', 'Gen:Heur.Suspicious.1'],
            ]),
          },
        },
      },
      override,
      options,
    ),

  /** A file being scanned; `scan` decides how many engines have reported. */
  inProgress: (
    { upload = 100, scan = 50 }: { upload?: number; scan?: number } = {},
    override?: Override,
    options?: BuildOptions,
  ) =>
    build(
      { processingState: ProcessingState.InProgress, progress: { upload, scan } },
      override,
      options,
    ),

  /**
   * A canceled file (`processingState` 2 with the scan stopped part-way, docs/decisions/003):
   * done, never allowed.
   */
  canceled: ({ scan = 40 }: { scan?: number } = {}, override?: Override, options?: BuildOptions) =>
    build(
      { processingState: ProcessingState.CanceledOrAvailable, progress: { upload: 100, scan } },
      override,
      options,
    ),

  failed: (
    exceptionDetails = 'Failed to download the file from the storage: The specified key does not exist.',
    override?: Override,
    options?: BuildOptions,
  ) =>
    build(
      {
        processingState: ProcessingState.Failed,
        progress: { upload: 35, scan: 0 },
        exceptionDetails,
      },
      override,
      options,
    ),

  /** An archive whose own scan is clean but one extracted child is infected. */
  archive: (override?: Override, options?: BuildOptions) =>
    build(
      {
        name: 'photos.zip',
        scanResult: {
          scanResults: { scanAllResultI: ScanResultCode.Infected, scanAllResultA: 'Infected' },
          processInfo: { result: 'Blocked', blockedReason: 'Infected' },
          extractedFiles: {
            filesExtractedCount: 3,
            firstIndex: 0,
            pageSize: 50,
            filesInArchive: [
              {
                dataId: 'c0a1',
                displayName: 'beach.jpg',
                fileSize: 482_113,
                fileType: 'image/jpeg',
                scanAllResultI: 0,
                detectedBy: 0,
                scannedWith: 4,
                progressPercentage: 100,
              },
              {
                dataId: 'c0a2',
                displayName: 'dinner.jpg',
                fileSize: 391_007,
                fileType: 'image/jpeg',
                scanAllResultI: 0,
                detectedBy: 0,
                scannedWith: 4,
                progressPercentage: 100,
              },
              {
                dataId: 'c0a3',
                displayName: 'photos-viewer.exe',
                fileSize: 68,
                fileType: 'application/x-dosexec',
                scanAllResultI: 1,
                detectedBy: 2,
                scannedWith: 4,
                progressPercentage: 100,
              },
            ],
          },
        },
      },
      override,
      options,
    ),

  sanitized: (override?: Override, options?: BuildOptions) =>
    build(
      {
        name: 'contract.docx',
        scanResult: {
          processInfo: {
            postProcessing: {
              actionsRan: 'Sanitized',
              convertedTo: 'docx',
              convertedDestination: 'contract_sanitized.docx',
            },
          },
        },
      },
      override,
      options,
    ),

  /** Credit card numbers found, with their certainty; blocked as sensitive data. */
  dlp: (override?: Override, options?: BuildOptions) =>
    build(
      {
        name: 'customers.csv',
        scanResult: {
          scanResults: {
            scanAllResultI: ScanResultCode.SensitiveDataFound,
            scanAllResultA: 'Sensitive Data Found',
          },
          processInfo: { result: 'Blocked', blockedReason: 'Sensitive Data Found' },
          dlpInfo: {
            verdict: DlpVerdict.FoundMatchedData,
            hits: {
              ccn: {
                display_name: 'Credit Card Number',
                hits: [
                  {
                    before: 'visa: ',
                    hit: 'XXXX XXXX XXXX 1938',
                    after: ' exp 09/28',
                    certainty: 'Very High',
                    certainty_score: 96,
                    isRedacted: false,
                  },
                  {
                    before: 'card ',
                    hit: 'XXXX XXXX XXXX 4242',
                    after: '',
                    certainty: 'High',
                    certainty_score: 81,
                    isRedacted: false,
                  },
                ],
              },
            },
          },
        },
      },
      override,
      options,
    ),

  vulnerable: (override?: Override, options?: BuildOptions) =>
    build(
      {
        name: 'AcroRdr-9.1-setup.exe',
        scanResult: {
          scanResults: {
            scanAllResultI: ScanResultCode.PotentiallyVulnerableFile,
            scanAllResultA: 'Potentially Vulnerable File',
          },
          processInfo: { result: 'Blocked', blockedReason: 'Potentially Vulnerable File' },
          vulnerabilityInfo: {
            result: {
              code: 0,
              method: 50700,
              timestamp: '1764000000',
              detected_product: {
                has_vulnerability: true,
                is_current: false,
                product: { id: 101, name: 'Adobe Acrobat Reader' },
                vendor: { id: 7, name: 'Adobe' },
                severity: 'critical',
                version: '9.1',
              },
              vulnerabilities: [
                {
                  description: 'Heap-based buffer overflow',
                  severity: 'CRITICAL',
                  severity_index: 5,
                  static_id: 1001,
                  details: { cve: 'CVE-2009-1862' },
                },
              ],
            },
          },
        },
      },
      override,
      options,
    ),

  /** Refused for its file type before any engine scanned it. */
  blockedFileType: (override?: Override, options?: BuildOptions) =>
    build(
      {
        name: 'macro.xlsm',
        scanResult: {
          scanResults: {
            scanDetails: [],
            scanAllResultI: ScanResultCode.NotScanned,
            scanAllResultA: 'Not Scanned',
            totalAvs: 0,
          },
          processInfo: {
            result: 'Blocked',
            blockedReason: 'Blocked file type',
            fileTypeSkippedScan: true,
          },
        },
      },
      override,
      options,
    ),

  /** A type configured to skip scanning: allowed, not scanned. */
  notScanned: (override?: Override, options?: BuildOptions) =>
    build(
      {
        name: 'video.mp4',
        scanResult: {
          scanResults: {
            scanDetails: [],
            scanAllResultI: ScanResultCode.NotScanned,
            scanAllResultA: 'Not Scanned',
            totalAvs: 0,
          },
          processInfo: { result: 'Allowed', fileTypeSkippedScan: true },
          dlpInfo: { verdict: DlpVerdict.NotScanned },
        },
      },
      override,
      options,
    ),
};

export type PresetName = keyof typeof presets;
