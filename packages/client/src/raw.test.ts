import { presets } from '@mdss-kit/mock';
import { type MockServer, startMockServer } from '@mdss-kit/mock/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from '../test/failure.ts';
import { createMdssClient, type MdssClientOptions } from './create-client.ts';

// `raw` against a real HTTP server on 127.0.0.1: the openapi-fetch client itself, with the
// client's auth and size limit as its middleware.
let mdss: MockServer;
beforeAll(async () => {
  mdss = await startMockServer({
    port: 0,
    auth: { tokens: ['good'] },
    files: {
      clean: presets.clean(),
      big: presets.clean({ name: 'x'.repeat(10_000) }),
    },
  });
});
afterAll(() => mdss.close());

const raw = (options: Partial<MdssClientOptions> = {}) =>
  createMdssClient({ baseUrl: mdss.url, token: 'good', ...options }).raw;

describe('raw', () => {
  it('GETs a file with the token, typed by the contract', async () => {
    const { data, response } = await raw().GET('/api/file/{id}', {
      params: { path: { id: 'clean' } },
    });
    expect(response.status).toBe(200);
    expect(data?.id).toBe('clean');
    expect(data?.processingState).toBe(3);
  });

  it('on a 401 asks the token function once more and sends again', async () => {
    const tokens = ['stale', 'good'];
    const { data } = await raw({ token: () => tokens.shift() ?? 'none' }).GET('/api/file/{id}', {
      params: { path: { id: 'clean' } },
    });
    expect(data?.id).toBe('clean');
    expect(tokens).toEqual([]);
  });

  it('answers a 401 as openapi-fetch does when the token is refused twice', async () => {
    const { error, response } = await raw({ token: 'revoked' }).GET('/api/file/{id}', {
      params: { path: { id: 'clean' } },
    });
    expect(response.status).toBe(401);
    expect(error).toMatchObject({ responseKey: 'UNAUTHORIZED' });
  });

  it('refuses an answer over maxResponseBytes with invalid_response', async () => {
    const error = await failure(
      raw({ maxResponseBytes: 4096 }).GET('/api/file/{id}', { params: { path: { id: 'big' } } }),
    );
    expect(error).toMatchObject({ code: 'invalid_response', status: 200 });
  });

  it('fails with code token, and sends nothing, when the token function fails', async () => {
    let sent = false;
    const error = await failure(
      raw({
        token: () => Promise.reject(new Error('no session')),
        fetch: (request) => {
          sent = true;
          return fetch(request);
        },
      }).GET('/api/file/{id}', { params: { path: { id: 'clean' } } }),
    );
    expect(error.code).toBe('token');
    expect(sent).toBe(false);
  });
});
