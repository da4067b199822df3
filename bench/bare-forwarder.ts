// The floor under the proxy's miss path: a bare node:http forwarding proxy, with no cache, no
// limits, no metrics and no spans. It sends each GET on to MDSS_URL over a keep-alive agent with
// the caller's Authorization, and pipes the answer back. What the proxy spends on a miss beyond
// this is what its own work costs. Run as `bare-forwarder.ts <port>` (servers.ts starts it).
import { Agent, createServer, request } from 'node:http';

const port = Number(process.argv[2]);

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
