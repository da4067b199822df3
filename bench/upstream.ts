// The benchmark's upstream MDSS: a realistic 3.5 KB finished result per id, answered after
// DELAY_MS. With STATE=storm every file is in progress until POST /complete. GET /calls
// counts the file requests served.
import { createServer } from 'node:http';

const port = Number(process.argv[2]);
const delayMs = Number(process.env.DELAY_MS ?? 0);
let complete = process.env.STATE !== 'storm';
let calls = 0;

const engines = [
  'Ahnlab',
  'Avira',
  'Bitdefender',
  'ClamAV',
  'Cyren',
  'ESET',
  'Ikarus',
  'K7',
  'McAfee',
  'QuickHeal',
  'Sophos',
  'Varist',
  'Vir.IT',
  'Zillya!',
];

export function resultBody(id: string, done: boolean): string {
  return JSON.stringify({
    id,
    storageType: 0,
    storageName: 'S3 Storage',
    scanId: '5e91c093efe27b0006489532',
    fileOwner: { userId: '9190F2CE-2AC4-4CD0-83DC-DB01D35759A9' },
    name: 'quarterly-report.pdf',
    path: 'finance/2026/quarterly-report.pdf',
    hash: 'ede3d3b685b4e137ba4cb2521329a75e',
    progress: { upload: 100, scan: done ? 100 : 40 },
    size: 1_048_576,
    processingState: done ? 2 : 0,
    scanResult: {
      scanResults: {
        scanDetails: engines.map((engineName, i) => ({
          engineName,
          threatFound: '',
          scanResultI: 0,
          defTime: '2026-11-24T00:00:00.000Z',
          scanTime: 10 + i,
          engId: `${engineName.toLowerCase()}_1_linux`,
        })),
        dataId: '5b97b6cbe7d348a9b1c876abbac7f45a',
        scanAllResultI: done ? 0 : 255,
        scanAllResultA: done ? 'No Threat Detected' : 'In Progress',
        startTime: '2026-11-24T13:05:25.895Z',
        totalTime: 142,
        totalAvs: engines.length,
        progressPercentage: done ? 100 : 40,
      },
      fileInfo: {
        fileSize: 1_048_576,
        uploadTimestamp: '2026-11-24T13:05:25.878Z',
        md5: 'ede3d3b685b4e137ba4cb2521329a75e',
        sha1: 'c577f7a37657053275f3e3ecc06ec22e6b909366',
        sha256: '541b3e9daa09b20bf85fa273e5cbd3e80185aa4ec298e765db87742b70138a53',
        fileTypeDescription: 'Adobe Portable Document Format',
        displayName: 'quarterly-report.pdf',
      },
      processInfo: {
        postProcessing: {
          actionsRan: '',
          actionsFailed: '',
          convertedTo: '',
          copyMoveDestination: '',
          convertedDestination: '',
        },
        progressPercentage: done ? 100 : 40,
        userAgent: 'mdss',
        profile: 'MetaDefender Storage Security',
        result: done ? 'Allowed' : 'Processing',
        blockedReason: '',
        fileTypeSkippedScan: false,
        processingTime: 142,
        queueTime: 17,
      },
      dataId: '5b97b6cbe7d348a9b1c876abbac7f45a',
      dlpInfo: { verdict: 0 },
      vulnerabilityInfo: {},
    },
    created: '2026-11-24T13:05:24.885Z',
    uploadTimeSpanMs: 995,
    uploadCompleted: '2026-11-24T13:05:25.88Z',
    engineVersions: [],
  });
}

if (port) {
  createServer((req, res) => {
    if (req.url === '/calls') return res.end(String(calls));
    if (req.url === '/complete') {
      complete = true;
      return res.end();
    }
    calls++;
    const id = decodeURIComponent((req.url ?? '').slice('/api/file/'.length));
    const body = resultBody(id, complete);
    const answer = () => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    };
    if (delayMs > 0) setTimeout(answer, delayMs);
    else answer();
  }).listen(port, '127.0.0.1');
}
