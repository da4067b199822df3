// The floor under the proxy's miss path: a bare node:http forwarding proxy, with no cache, no
// limits, no metrics and no spans. It sends each GET on to MDSS_URL over a keep-alive agent with
// the caller's Authorization, and pipes the answer back. What the proxy spends on a miss beyond
// this is what its own work costs. With READS=1 it reads each answer whole and parses it before
// answering, as any proxy must that checks or keeps what it passes on (a cache): the floor of
// that kind. Run as `bare-forwarder.ts <port>` (servers.ts starts it).
import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';

const port = Number(process.argv[2]);
const reads = process.env.READS === '1';

/** The answer read whole, parsed as JSON, and sent on with its length. */
function readThenSend(answer: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  answer.on('data', (chunk: Buffer) => chunks.push(chunk));
  answer.on('end', () => {
    const body = Buffer.concat(chunks);
    let status = answer.statusCode ?? 502;
    try {
      JSON.parse(body.toString('utf8'));
    } catch {
      status = 502;
    }
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': String(body.byteLength),
    });
    res.end(body);
  });
}

if (port) {
  const upstream = new URL(process.env.MDSS_URL ?? '');
  const agent = new Agent({ keepAlive: true });
  createServer((req, res) => {
    if (req.method !== 'GET') {
      res.writeHead(405).end();
      return;
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (req.headers.authorization) headers.authorization = req.headers.authorization;
    const forwarded = request(
      { host: upstream.hostname, port: upstream.port, path: req.url, headers, agent },
      (answer) => {
        if (reads) return readThenSend(answer, res);
        // Only the end-to-end headers: connection and keep-alive are this hop's own.
        const kept: Record<string, string> = {};
        for (const name of ['content-type', 'content-length']) {
          const value = answer.headers[name];
          if (typeof value === 'string') kept[name] = value;
        }
        res.writeHead(answer.statusCode ?? 502, kept);
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    forwarded.end();
  }).listen(port, '127.0.0.1');
}
