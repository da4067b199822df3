import { METHODS } from 'node:http';
import { connect } from 'node:net';
import { mdssContract } from '@mdss-kit/contract/validate';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIds } from './demo.ts';
import { type MockServer, startMockServer } from './server.ts';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ port: 0 });
});
afterAll(async () => {
  await server.close();
});

/**
 * Sends `head` byte for byte on a new connection and resolves to the response's head (status
 * line and headers), or to what came before the server closed; the socket is then dropped, so a
 * stream that never ends does not hold the test.
 */
function rawHead(head: Buffer | string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(server.port, '127.0.0.1');
    let received = '';
    const done = () => {
      socket.destroy();
      resolve(received.split('\r\n\r\n')[0] ?? '');
    };
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n\r\n')) done();
    });
    socket.on('close', done);
    socket.on('error', done);
    socket.write(head);
  });
}

const statusOf = (head: string) => Number(/^HTTP\/1\.[01] (\d{3}) /.exec(head)?.[1]);
const headerOf = (head: string, name: string) =>
  new RegExp(`\\r\\n${name}: *([^\\r]*)`, 'i').exec(head)?.[1];

const request = (method: string, target: string, headers: string[] = []) =>
  `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${[...headers, 'Connection: close'].join('\r\n')}\r\n\r\n`;

/** The server still serves: a demo file, valid against the contract. */
async function stillServes() {
  const response = await fetch(`${server.url}/api/file/${demoIds.clean}`, {
    headers: { authorization: 'Bearer demo' },
  });
  expect(response.status).toBe(200);
  mdssContract.assertResponse('/api/file/{id}', 200, await response.json());
}

describe('the mock MDSS server never dies on a request', () => {
  it.each(['TRACE', 'POST', 'PUT', 'DELETE', 'PATCH', 'PROPFIND'])(
    'answers %s on a file with 405 and Allow, and keeps serving',
    async (method) => {
      const head = await rawHead(
        request(method, `/api/file/${demoIds.clean}`, ['Authorization: Bearer demo']),
      );
      expect(statusOf(head)).toBe(405);
      expect(headerOf(head, 'allow')).toBe('GET, HEAD, OPTIONS');
      await stillServes();
    },
  );

  it('answers CONNECT, which never reaches the request handler, with 405 and Allow', async () => {
    const head = await rawHead(request('CONNECT', '127.0.0.1:443'));
    expect(statusOf(head)).toBe(405);
    expect(headerOf(head, 'allow')).toBe('GET, HEAD, OPTIONS');
    await stillServes();
  });

  it('answers OPTIONS, on a file and on *, with 204 and Allow', async () => {
    for (const target of [`/api/file/${demoIds.clean}`, '*']) {
      const head = await rawHead(request('OPTIONS', target));
      expect(statusOf(head)).toBe(204);
      expect(headerOf(head, 'allow')).toBe('GET, HEAD, OPTIONS');
    }
  });

  it('answers HEAD with the headers a GET has, and no body', async () => {
    const response = await fetch(`${server.url}/api/file/${demoIds.clean}`, {
      method: 'HEAD',
      headers: { authorization: 'Bearer demo' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.text()).toBe('');
  });

  it.each([
    ['a target that is not a URL', 'http://['],
    ['an authority-form target on GET', '127.0.0.1:4010'],
    ['* on GET', '*'],
    ['a relative target', 'api/file/x'],
  ])('answers 400 to %s, and keeps serving', async (_case, target) => {
    expect(statusOf(await rawHead(request('GET', target, ['Authorization: Bearer demo'])))).toBe(
      400,
    );
    await stillServes();
  });

  it('serves an absolute-form target (RFC 9112 §3.2.2) by its path', async () => {
    const absolute = await rawHead(
      request('GET', `http://elsewhere.test/api/file/${demoIds.clean}`, [
        'Authorization: Bearer demo',
      ]),
    );
    expect(statusOf(absolute)).toBe(200);
  });

  it('answers every method, target and header set it is sent, and keeps serving', async () => {
    const method = fc.oneof(
      fc.constantFrom(...METHODS, 'TRACK', 'get', 'FOO', 'M-SEARCH'),
      fc.stringMatching(/^[A-Z!#$%&'*+.^_`|~-]{1,10}$/),
    );
    const path = fc.constantFrom(
      `/api/file/${demoIds.processing}`,
      `/api/file/${demoIds.clean}/events`,
      '/api/file/',
      '/api/file/%2e%2e',
      '/api/file/a%00b',
      '/',
      '',
    );
    const target = fc.oneof(
      fc.tuple(path, fc.stringMatching(/^[!-~]{0,12}$/)).map(([p, tail]) => p + tail),
      fc.constantFrom('*', 'http://[', 'http://x/api/file/a', 'a:1', '//x', '/\u00e9', '/%'),
      fc.stringMatching(/^[!-~]{1,20}$/),
    );
    const header = fc.oneof(
      fc.constantFrom(
        'Authorization: Bearer demo',
        'Authorization: Basic Zm9vOmJhcg==',
        'Authorization:',
        'x-mdss-mock-scenario: processing',
        'x-mdss-mock-scenario: processing:1h',
        'x-mdss-mock-scenario: error:html-502',
        'x-mdss-mock-scenario: nope',
        'Last-Event-ID: 2',
        'Last-Event-ID: \u00ff\u00fe',
        'Upgrade: websocket',
        'Transfer-Encoding: chunked',
        'Content-Length: 3',
        'Expect: 100-continue',
        'Prefer: wait=5',
      ),
      fc
        .tuple(fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/), fc.stringMatching(/^[ -~]{0,30}$/))
        .map(([name, value]) => `${name}: ${value}`),
    );
    await fc.assert(
      fc.asyncProperty(
        method,
        target,
        fc.array(header, { maxLength: 5 }),
        async (verb, to, headers) => {
          const head = await rawHead(Buffer.from(request(verb, to, headers), 'latin1'));
          expect(statusOf(head), `${verb} ${to} ${headers.join(' | ')}: ${head}`).toBeGreaterThan(
            99,
          );
        },
      ),
      { numRuns: 300 },
    );
    await stillServes();
  });
});
