// The mock server's File Scanned notifications, received by a real HTTP server on 127.0.0.1,
// each payload held to the contract's webhook schema.
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mdssContract, proxyContract } from '@mdss-kit/contract/validate';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { NotifyOptions } from './notify.ts';
import { presets } from './presets.ts';
import { scenario } from './scenarios.ts';
import { type MockServer, startMockServer } from './server.ts';

interface Received {
  method: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

let receiver: Server;
let receiverUrl = '';
let answerStatus = 204;
const received: Received[] = [];
beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method ?? '', headers: req.headers, body: JSON.parse(text) });
      res.writeHead(answerStatus).end();
    });
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/mdss`;
});
afterAll(async () => {
  receiver.close();
  await once(receiver, 'close');
});

const files = () => ({
  // biome-ignore lint/suspicious/noThenProperty: the scenario's option
  p1: scenario.processing({ polls: 1, then: presets.infected() }),
  // biome-ignore lint/suspicious/noThenProperty: the scenario's option
  c1: scenario.processing({ polls: 0, then: presets.clean() }),
  // A fixed result is no scan that ends: never notified.
  f1: presets.clean(),
  // biome-ignore lint/suspicious/noThenProperty: the scenario's option
  t1: scenario.processing({ durationMs: 50, then: presets.clean() }),
});

let mock: MockServer | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
  received.length = 0;
  answerStatus = 204;
});

async function start(notify: Partial<NotifyOptions> = {}) {
  const delivered: unknown[] = [];
  mock = await startMockServer({
    port: 0,
    files: files(),
    notify: { url: receiverUrl, onDelivery: (_id, outcome) => delivered.push(outcome), ...notify },
  });
  const get = (id: string) =>
    fetch(`${mock?.url}/api/file/${id}`, { headers: { authorization: 'Bearer u' } }).then((r) =>
      r.json(),
    );
  return { get, delivered };
}

describe('the mock server’s File Scanned notifications', () => {
  it('sends one when a scenario reaches its end, with the configured method and headers', async () => {
    const { get, delivered } = await start({
      method: 'PUT',
      headers: { authorization: 'Bearer s3cret' },
    });
    await get('p1');
    expect(received).toEqual([]);
    await get('p1');
    await get('p1');
    await vi.waitFor(() => expect(delivered).toEqual([{ status: 204 }]));
    expect(received).toHaveLength(1);
    const [notification] = received as [Received];
    expect(notification.method).toBe('PUT');
    expect(notification.headers.authorization).toBe('Bearer s3cret');
    expect(notification.headers['content-type']).toBe('application/json');
    mdssContract.assertSchema('FileScannedNotification', notification.body);
    proxyContract.assertSchema('Notification', notification.body);
    expect(notification.body).toMatchObject({
      FileId: 'p1',
      FileStatus: 'Blocked',
      FileState: 'Available',
      WebhookNotificationType: 'FileScanned',
    });
  });

  it('sends every field OPSWAT’s field reference names', async () => {
    const { get, delivered } = await start();
    await get('c1');
    await vi.waitFor(() => expect(delivered).toHaveLength(1));
    const fields = Object.keys(
      (mdssContract.document.components.schemas.FileScannedNotification as { properties: object })
        .properties,
    );
    expect(Object.keys(received[0]?.body as object).sort()).toEqual(fields.sort());
    expect(received[0]).toMatchObject({ method: 'POST', body: { FileStatus: 'Allowed' } });
  });

  it('sends one for a scan of a known duration when it ends, without another poll', async () => {
    const { get, delivered } = await start();
    expect((await get('t1')).processingState).toBe(0);
    await vi.waitFor(() => expect(delivered).toHaveLength(1), { timeout: 5000 });
    expect(received[0]?.body).toMatchObject({ FileId: 't1', FileStatus: 'Allowed' });
    // The poll that then sees it finished sends nothing more.
    expect((await get('t1')).processingState).toBe(3);
    await get('c1');
    await vi.waitFor(() => expect(delivered).toHaveLength(2));
    expect(received.map((r) => (r.body as { FileId: string }).FileId)).toEqual(['t1', 'c1']);
  });

  it('leaves allowed files out when only blocked ones are asked for', async () => {
    const { get, delivered } = await start({ onlyBlocked: true });
    await get('c1');
    await get('f1');
    await get('p1');
    await get('p1');
    await vi.waitFor(() => expect(delivered).toHaveLength(1));
    expect(received.map((r) => (r.body as { FileId: string }).FileId)).toEqual(['p1']);
  });

  it('tries once, as MDSS does: a refusal is not retried', async () => {
    answerStatus = 500;
    const { get, delivered } = await start();
    await get('c1');
    await vi.waitFor(() => expect(delivered).toEqual([{ status: 500 }]));
    await get('c1');
    expect(received).toHaveLength(1);
  });

  it('keeps serving when the target cannot be reached', async () => {
    const { get, delivered } = await start({ url: 'http://127.0.0.1:1/hooks/mdss' });
    expect((await get('c1')).id).toBe('c1');
    await vi.waitFor(() => expect(delivered).toHaveLength(1));
    expect(delivered[0]).toHaveProperty('error');
    expect((await get('c1')).id).toBe('c1');
  });
});
