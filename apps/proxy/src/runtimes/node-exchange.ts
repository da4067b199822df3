// Node only: the upstream GET on node:http(s) with a keep-alive agent, its body read straight
// from the socket's chunks. Node's global fetch adds milliseconds per request under
// concurrency, and a WHATWG Response around node:http (a web stream per body) costs CPU on
// every miss (the proxy's README, Performance); this adds next to nothing.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { readBounded } from '@mdss-kit/contract';
import type { UpstreamExchange } from '../upstream.ts';

export function createNodeExchange(): UpstreamExchange {
  const http = new HttpAgent({ keepAlive: true, maxSockets: 256 });
  const https = new HttpsAgent({ keepAlive: true, maxSockets: 256 });
  return (url, headers, signal) =>
    new Promise((resolve, reject) => {
      const secure = url.startsWith('https:');
      const req = (secure ? httpsRequest : httpRequest)(url, {
        method: 'GET',
        headers,
        agent: secure ? https : http,
        signal,
      });
      req.once('response', (res: IncomingMessage) =>
        resolve({
          status: res.statusCode ?? 502,
          header(name) {
            const value = res.headers[name];
            return typeof value === 'string' ? value : null;
          },
          // Iterating rejects on a reset or an abort mid-body; stopping early destroys the stream.
          read: (maxBytes) => readBounded(res, maxBytes),
          // Destroyed, not drained: draining would read on with no deadline and no limit, and a
          // body trickling in would hold a pooled socket for as long as the upstream likes.
          discard: () => void res.destroy(),
        }),
      );
      req.once('error', reject);
      req.end();
    });
}
