// A real upstream MDSS on 127.0.0.1 for the proxy's tests: every call is counted and recorded
// (path and headers), and each test scripts how it answers, faults included.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UpstreamCall {
  method: string;
  /** The raw request target, exactly as it arrived. */
  path: string;
  headers: IncomingMessage['headers'];
  /** Set when the proxy hung up before the answer was complete. */
  aborted: boolean;
}

export type Answer = (call: UpstreamCall, res: ServerResponse) => void | Promise<void>;

export interface UpstreamServer {
  url: string;
  calls: UpstreamCall[];
  /** How the next requests are answered, until changed. */
  answer(answer: Answer): void;
  close(): Promise<void>;
}

/** A FileResult-shaped body for `id`, marked with the token it was served to. */
export function resultFor(id: string, authorization: string | undefined, processingState = 2) {
  return {
    id,
    name: `${id}.bin`,
    servedTo: authorization ?? null,
    processingState,
    progress: { upload: 100, scan: processingState === 0 ? 40 : 100 },
    scanResult: {
      scanResults: {
        scanAllResultI: processingState === 0 ? 255 : 0,
        totalAvs: 1,
        scanDetails: [],
      },
      processInfo: { result: processingState === 0 ? 'Processing' : 'Allowed' },
    },
  };
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Answer =>
  (_call, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

/** Answers each file id with `resultFor` in the given state. */
export const files =
  (processingState = 2): Answer =>
  (call, res) => {
    const id = decodeURIComponent(call.path.replace(/^\/api\/file\//, ''));
    json(200, resultFor(id, call.headers.authorization, processingState))(call, res);
  };

/** Each file in progress for `ms` from its first call, then done: a scan as time passes. */
export function scanningFor(ms: number): Answer {
  const first = new Map<string, number>();
  return (call, res) => {
    const started = first.get(call.path) ?? Date.now();
    first.set(call.path, started);
    return files(Date.now() - started < ms ? 0 : 2)(call, res);
  };
}

export const delayed =
  (ms: number, answer: Answer): Answer =>
  async (call, res) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    if (!res.destroyed) await answer(call, res);
  };

/**
 * A gate the test opens once what it waits for has happened (a request joined a call under way,
 * say): answers held by it come after that, however slowly this machine runs.
 */
export function gate(): { opened: Promise<void>; open(): void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** Answers with `answer` once `opened` has resolved. */
export const heldUntil =
  (opened: Promise<unknown>, answer: Answer): Answer =>
  async (call, res) => {
    await opened;
    if (!res.destroyed) await answer(call, res);
  };

export async function startUpstream(): Promise<UpstreamServer> {
  const calls: UpstreamCall[] = [];
  let current: Answer = files();
  const server = createServer((req, res) => {
    const call: UpstreamCall = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      aborted: false,
    };
    calls.push(call);
    res.on('close', () => {
      if (!res.writableFinished) call.aborted = true;
    });
    void current(call, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    answer(answer) {
      current = answer;
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/**
 * Files by id for the multi-file tests: `gone` unknown (404), `scanning` in progress until
 * `scanned.now`, any other done.
 */
export function listedFiles(gone: string, scanning: string, scanned: { now: boolean }): Answer {
  return (call, res) => {
    const file = decodeURIComponent(call.path.replace(/^\/api\/file\//, ''));
    if (file === gone) return json(404, { error: 'not found' })(call, res);
    const state = file === scanning && !scanned.now ? 0 : 2;
    return json(200, resultFor(file, call.headers.authorization, state))(call, res);
  };
}
