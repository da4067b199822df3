// The benchmark's upstream MDSS: a realistic 3.5 KB finished result per id (or one of
// BODY_BYTES, an archive's), answered after DELAY_MS; an id that begins with `missing-` is
// answered 404, as MDSS answers an id it does not know. With STATE=storm every file is in
// progress until POST /complete. GET /calls counts the file requests served; GET /peak says how
// many were under way at once at most since the last GET /peak; GET /first-done says when
// (Date.now()) it first answered a finished body, in all and per (token, file), in a storm.
import { createServer } from 'node:http';
import { buildFileResult } from '@mdss-kit/mock';

const port = Number(process.argv[2]);
const delayMs = Number(process.env.DELAY_MS ?? 0);
const bodyBytes = Number(process.env.BODY_BYTES ?? 0);
const storm = process.env.STATE === 'storm';
let complete = !storm;
let calls = 0;
/** File requests under way now, and the most at once since /peak was last read. */
let inflight = 0;
let peak = 0;
/** Ids MDSS does not know: answered 404, as it does. */
const MISSING = 'missing-';
const notFound = JSON.stringify({ err: 'File not found' });
/** When a storm's first finished body went out, in all and per (Authorization, id). */
const firstDone: { at: number | null; byKey: Record<string, number> } = { at: null, byKey: {} };

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

/** A realistic result (about 3.5 KB: fourteen engines), finished or still scanning. */
export function resultBody(id: string, done: boolean): string {
  return JSON.stringify(
    buildFileResult({
      id,
      processingState: done ? 2 : 0,
      progress: { upload: 100, scan: done ? 100 : 40 },
      scanResult: { scanResults: { scanDetails: engines.map((engineName) => ({ engineName })) } },
    }),
  );
}

/**
 * A finished result of at least `bytes` (JSON text), as an archive's is: the typical result plus
 * as many extracted files as it takes.
 */
export function resultBodyOfSize(id: string, bytes: number): string {
  const result = JSON.parse(resultBody(id, true));
  const file = (i: number) => ({
    dataId: `${i.toString(16).padStart(32, '0')}`,
    displayName: `reports/2026/q${i % 4}/part-${i}.pdf`,
    scanAllResultI: 0,
    progressPercentage: 100,
  });
  const files: ReturnType<typeof file>[] = [];
  result.scanResult.extractedFiles = { filesInArchive: files };
  let size = JSON.stringify(result).length;
  while (size < bytes) {
    files.push(file(files.length));
    size += JSON.stringify(files.at(-1)).length + 1;
  }
  return JSON.stringify(result);
}

// Built once per state, the id set in per request, so the upstream alone is measured serving, not
// building: with every request a new id (misses), building each body (~0.1 ms) would take the load
// core that wrk needs too. The id appears once in a body: the body is the one built for the id (a
// sized one, to within the id's length).
const ID_PLACEHOLDER = 'bench-upstream-id-placeholder';
const templates = new Map<boolean, string[]>();
function bodyFor(id: string, done: boolean): string {
  let parts = templates.get(done);
  if (parts === undefined) {
    const sized = bodyBytes > 0 && done;
    const body = sized
      ? resultBodyOfSize(ID_PLACEHOLDER, bodyBytes)
      : resultBody(ID_PLACEHOLDER, done);
    parts = body.split(ID_PLACEHOLDER);
    templates.set(done, parts);
  }
  return parts.join(JSON.stringify(id).slice(1, -1));
}

if (port) {
  createServer((req, res) => {
    if (req.url === '/calls') return res.end(String(calls));
    if (req.url === '/first-done') return res.end(JSON.stringify(firstDone));
    if (req.url === '/peak') {
      res.end(String(peak));
      peak = inflight;
      return;
    }
    if (req.url === '/complete') {
      complete = true;
      return res.end();
    }
    calls++;
    peak = Math.max(peak, ++inflight);
    res.once('close', () => inflight--);
    const id = decodeURIComponent((req.url ?? '').slice('/api/file/'.length));
    const missing = id.startsWith(MISSING);
    const body = missing ? notFound : bodyFor(id, complete);
    const answer = () => {
      res.writeHead(missing ? 404 : 200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
      if (storm && complete && !missing) {
        const key = `${req.headers.authorization ?? ''} ${id}`;
        firstDone.byKey[key] ??= Date.now();
        firstDone.at ??= firstDone.byKey[key];
      }
    };
    if (delayMs > 0) setTimeout(answer, delayMs);
    else answer();
  }).listen(port, '127.0.0.1');
}
