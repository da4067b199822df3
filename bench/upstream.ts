// The benchmark's upstream MDSS: a realistic 3.5 KB finished result per id (or one of
// BODY_BYTES, an archive's), answered after DELAY_MS; an id that begins with `missing-` is
// answered 404, as MDSS answers an id it does not know. With STATE=storm every file is in progress
// until POST /complete's schedule turns it done, each at its own moment, and then, if the schedule
// says where, MDSS's File Scanned notification for it goes out at that moment (once, never
// retried, as MDSS sends it). GET /calls counts the file requests served; GET /peak says how many
// were under way at once at most since the last GET /peak; GET /done-at says when (Date.now())
// each file turned done and first went out finished, and what became of the notifications.
import { createServer, type IncomingMessage } from 'node:http';
import { buildFileResult } from '@mdss-kit/mock';

const port = Number(process.argv[2]);
const delayMs = Number(process.env.DELAY_MS ?? 0);
const bodyBytes = Number(process.env.BODY_BYTES ?? 0);
const storm = process.env.STATE === 'storm';
// MDSS's payload as the mock builds it; loaded by a storm's upstream only, not by the processes
// that import this file for its bodies (the memory section measures one).
const scanned = storm ? (await import('@mdss-kit/mock/server')).fileScannedNotification : undefined;
let calls = 0;
/** File requests under way now, and the most at once since /peak was last read. */
let inflight = 0;
let peak = 0;
/** Ids MDSS does not know: answered 404, as it does. */
const MISSING = 'missing-';
const notFound = JSON.stringify({ err: 'File not found' });

/** One file of a storm's schedule: turned done `afterMs` after POST /complete, notified to `notify`. */
export interface Completion {
  id: string;
  afterMs: number;
  /** The proxy's /hooks/mdss URL to notify, as MDSS is configured with it; none: no notification. */
  notify?: string;
}

/** What POST /complete takes: the schedule, and the notifications' static Authorization header. */
export interface CompleteRequest {
  files: Completion[];
  authorization?: string;
}

/** What GET /done-at answers. */
export interface DoneAt {
  /** id → Date.now() when it turned done. */
  doneAt: Record<string, number>;
  /** id → Date.now() when its first finished body went out (to whichever token asked first). */
  firstAnswer: Record<string, number>;
  /**
   * Notifications sent, and what came of them: an answer's status, or no answer at all; and the
   * slowest answer's time from the file turning done.
   */
  notifications: {
    sent: number;
    answered: Record<string, number>;
    failed: number;
    slowestAnswerMs: number;
  };
}

const done: DoneAt = {
  doneAt: {},
  firstAnswer: {},
  notifications: { sent: 0, answered: {}, failed: 0, slowestAnswerMs: 0 },
};
const isDone = (id: string) => !storm || done.doneAt[id] !== undefined;

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

/** MDSS's notification of `id`, sent once: fire and forget, its outcome only counted. */
async function notify(url: string, id: string, authorization: string | undefined) {
  const { notifications } = done;
  notifications.sent++;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(authorization ? { authorization } : {}),
      },
      body: JSON.stringify(scanned?.(id, JSON.parse(resultBody(id, true)))),
      signal: AbortSignal.timeout(10_000),
    });
    await response.body?.cancel();
    notifications.answered[response.status] = (notifications.answered[response.status] ?? 0) + 1;
    const tookMs = Date.now() - (done.doneAt[id] ?? Number.NaN);
    notifications.slowestAnswerMs = Math.max(notifications.slowestAnswerMs, tookMs);
  } catch {
    notifications.failed++;
  }
}

/** Turns each file of the schedule done at its moment, noting when, then notifies (if asked). */
function complete({ files, authorization }: CompleteRequest) {
  for (const { id, afterMs, notify: url } of files) {
    setTimeout(() => {
      done.doneAt[id] = Date.now();
      if (url) void notify(url, id, authorization);
    }, afterMs);
  }
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

if (port) {
  createServer((req, res) => {
    if (req.url === '/calls') return res.end(String(calls));
    if (req.url === '/done-at') return res.end(JSON.stringify(done));
    if (req.url === '/peak') {
      res.end(String(peak));
      peak = inflight;
      return;
    }
    if (req.url === '/complete') {
      void bodyOf(req).then((text) => {
        complete(JSON.parse(text) as CompleteRequest);
        res.end();
      });
      return;
    }
    calls++;
    peak = Math.max(peak, ++inflight);
    res.once('close', () => inflight--);
    const id = decodeURIComponent((req.url ?? '').slice('/api/file/'.length));
    const missing = id.startsWith(MISSING);
    const finished = isDone(id);
    const body = missing ? notFound : bodyFor(id, finished);
    const answer = () => {
      res.writeHead(missing ? 404 : 200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
      if (storm && finished && !missing) done.firstAnswer[id] ??= Date.now();
    };
    if (delayMs > 0) setTimeout(answer, delayMs);
    else answer();
  }).listen(port, '127.0.0.1');
}
