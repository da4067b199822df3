// The floor of a caching proxy of this API: the least any cache of `GET /api/file/{id}` must do
// on a miss, in one function on node:http, with no limits, logs, metrics, traces, fleet or stale
// answers. It checks the id is one path segment, keys each answer by its credential (an HMAC of
// the Authorization, derived once per credential), asks the upstream once for concurrent askers
// (one flight per key), under a deadline and a byte limit, refuses a body that is not the JSON
// result of the file asked for, keeps the bytes under a byte bound (least recently used first
// out), fresh for 1 s in progress and CACHE_TTL_SECONDS done (`isTerminal`), and answers with
// its validator (If-None-Match: 304). What the proxy spends beyond it is what its own design and
// features cost; what it spends beyond the bare forwarder (bare-forwarder.ts), what caching
// does. Its rules are tested (least-cache.test.ts): a floor that skipped one would flatter the
// proxy's figure. Run as `<bundle> <port>` with MDSS_URL (servers.ts bundles and starts it).
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { fileIdProblem, isSameFileId, isTerminal } from '@mdss-kit/contract';
import { validatorOf } from '@mdss-kit/contract/events';

/** The proxy's defaults (its config.ts): the same bounds, so the same work. */
const MAX_BYTES = 64 * 1024 * 1024;
const TTL_DONE_MS = Number(process.env.CACHE_TTL_SECONDS ?? 300) * 1000;
const TTL_IN_PROGRESS_MS = 1000;
const UPSTREAM_MAX_BYTES = 5 * 1024 * 1024;
const UPSTREAM_TIMEOUT_MS = 10_000;
/** Credentials whose key is kept, beyond which the oldest is derived again when it comes back. */
const KEYS_KEPT = 10_000;
const PREFIX = '/api/file/';

interface Entry {
  body: Buffer;
  etag: string;
  freshUntil: number;
}
/** What the askers of one flight are answered: an entry, or a status with an optional body. */
type Answer = Entry | { status: number; body?: Buffer };
type Asker = (answer: Answer) => void;

const secret = randomBytes(32);
const keys = new Map<string, string>();
const entries = new Map<string, Entry>();
const flights = new Map<string, Asker[]>();
let keptBytes = 0;
const sane = /^[\w.:-]{1,128}$/;

function keyOf(authorization: string): string {
  let key = keys.get(authorization);
  if (key === undefined) {
    key = createHmac('sha256', secret).update(authorization).digest('base64url');
    if (keys.size >= KEYS_KEPT) keys.delete(keys.keys().next().value as string);
    keys.set(authorization, key);
  }
  return key;
}

/** Kept last in the Map's order (most recent), the least recent dropped past the bound. */
function keep(key: string, entry: Entry) {
  const old = entries.get(key);
  if (old) {
    keptBytes -= old.body.byteLength;
    entries.delete(key);
  }
  entries.set(key, entry);
  keptBytes += entry.body.byteLength;
  for (const [k, e] of entries) {
    if (keptBytes <= MAX_BYTES) break;
    entries.delete(k);
    keptBytes -= e.body.byteLength;
  }
}

/** The entry a 200's body makes, or why it is refused (502). */
function entryOf(body: Buffer, id: string, now: number): Entry | undefined {
  let result: unknown;
  try {
    result = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return undefined;
  const answered = (result as { id?: unknown }).id;
  if (typeof answered !== 'string' || !isSameFileId(answered, id)) return undefined;
  const ttl = isTerminal(result as Parameters<typeof isTerminal>[0])
    ? TTL_DONE_MS
    : TTL_IN_PROGRESS_MS;
  return { body, etag: `"${validatorOf(body)}"`, freshUntil: now + ttl };
}

const upstream = new URL(process.env.MDSS_URL ?? 'http://127.0.0.1:1');
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** One upstream GET for `key`; every asker waiting on the key is answered by its end. */
function fly(key: string, id: string, authorization: string, requestId: string) {
  let landed = false;
  // Once: the deadline, an error and the reply's end may each come, in any order.
  const land = (answer: Answer) => {
    if (landed) return;
    landed = true;
    clearTimeout(deadline);
    const askers = flights.get(key) ?? [];
    flights.delete(key);
    if ('etag' in answer) keep(key, answer);
    for (const ask of askers) ask(answer);
  };
  const headers = { authorization, accept: 'application/json', 'x-request-id': requestId };
  const path = PREFIX + encodeURIComponent(id);
  const asked = request(
    { host: upstream.hostname, port: upstream.port, path, headers, agent },
    (reply) =>
      read(reply, (body) => {
        if (!body) return land({ status: 502 });
        if (reply.statusCode !== 200) return land({ status: reply.statusCode ?? 502, body });
        land(entryOf(body, id, Date.now()) ?? { status: 502 });
      }),
  );
  const deadline = setTimeout(() => {
    asked.destroy();
    land({ status: 504 });
  }, UPSTREAM_TIMEOUT_MS);
  asked.on('error', () => land({ status: 502 }));
  asked.end();
}

/** The reply's body whole, or undefined past the byte limit or cut short. */
function read(reply: IncomingMessage, done: (body: Buffer | undefined) => void) {
  const chunks: Buffer[] = [];
  let size = 0;
  reply.on('data', (chunk: Buffer) => {
    size += chunk.byteLength;
    if (size <= UPSTREAM_MAX_BYTES) chunks.push(chunk);
    else reply.destroy();
  });
  reply.on('end', () => done(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
  // A body cut short (a reset, the limit): 'close' comes without the end, and says so.
  reply.on('error', () => {});
  reply.on('close', () => reply.complete || done(undefined));
}

function answer(
  res: ServerResponse,
  given: Answer,
  now: number,
  ifNoneMatch: string | undefined,
  requestId: string,
) {
  if (!('etag' in given)) {
    const { body } = given;
    res.writeHead(given.status, {
      'content-type': 'application/json',
      'content-length': String(body?.byteLength ?? 0),
      'x-request-id': requestId,
    });
    res.end(body);
    return;
  }
  const maxAge = Math.max(0, Math.floor((given.freshUntil - now) / 1000));
  const headers: Record<string, string> = {
    'cache-control': `private, max-age=${maxAge}`,
    etag: given.etag,
    vary: 'Authorization',
    'x-request-id': requestId,
  };
  if (ifNoneMatch === given.etag) {
    res.writeHead(304, headers).end();
    return;
  }
  headers['content-type'] = 'application/json';
  headers['content-length'] = String(given.body.byteLength);
  res.writeHead(200, headers).end(given.body);
}

createServer((req, res) => {
  const target = req.url ?? '';
  if (req.method !== 'GET' || !target.startsWith(PREFIX)) return void res.writeHead(404).end();
  let id: string;
  try {
    id = decodeURIComponent(target.slice(PREFIX.length));
  } catch {
    return void res.writeHead(400).end();
  }
  if (fileIdProblem(id) !== undefined) return void res.writeHead(400).end();
  const { authorization } = req.headers;
  if (!authorization) return void res.writeHead(401).end();
  const given = req.headers['x-request-id'];
  const requestId = typeof given === 'string' && sane.test(given) ? given : randomUUID();
  const key = `${keyOf(authorization)}:${id}`;
  const now = Date.now();
  const ifNoneMatch = req.headers['if-none-match'];
  const held = entries.get(key);
  if (held && held.freshUntil > now) {
    keep(key, held); // now the most recently used
    return answer(res, held, now, ifNoneMatch, requestId);
  }
  const ask: Asker = (landed) => answer(res, landed, Date.now(), ifNoneMatch, requestId);
  const waiting = flights.get(key);
  if (waiting) return void waiting.push(ask);
  flights.set(key, [ask]);
  fly(key, id, authorization, requestId);
}).listen(Number(process.argv[2]), '127.0.0.1');
