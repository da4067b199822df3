import type { FileResult, FileSummary, paths } from '@mdss-kit/contract';
import type { Client } from 'openapi-fetch';
import { describe, expectTypeOf, it } from 'vitest';
import { createMdssClient } from './create-client.ts';
import type { MdssErrorCode } from './mdss-error.ts';

const client = createMdssClient({ baseUrl: 'https://mdss.test', token: async () => 't' });

describe('the client’s types', () => {
  it('getFile and waitForFile return FileResult, getSummary the proxy’s FileSummary', () => {
    expectTypeOf(client.getFile('x')).toEqualTypeOf<Promise<FileResult>>();
    expectTypeOf(client.waitForFile('x')).toEqualTypeOf<Promise<FileResult>>();
    expectTypeOf(client.getSummary('x')).toEqualTypeOf<Promise<FileSummary>>();
  });

  it('watchFile iterates FileSummary; transport is poll, stream or auto', () => {
    expectTypeOf(client.watchFile('x')).toEqualTypeOf<
      AsyncGenerator<FileSummary, void, undefined>
    >();
    client.waitForFile('x', { transport: 'stream' });
    // @ts-expect-error no such transport
    client.waitForFile('x', { transport: 'websocket' });
  });

  it('keeps the openapi-fetch client reachable, typed by the contract', () => {
    expectTypeOf(client.raw).toEqualTypeOf<Client<paths>>();
  });

  it('names every error code', () => {
    expectTypeOf<MdssErrorCode>().toEqualTypeOf<
      | 'invalid_id'
      | 'token'
      | 'bad_request'
      | 'unauthorized'
      | 'not_found'
      | 'server_error'
      | 'network'
      | 'timeout'
      | 'aborted'
      | 'invalid_response'
      | 'no_stream'
    >();
  });

  it('accepts a string or a sync or async token function, and nothing else', () => {
    createMdssClient({ baseUrl: 'x', token: 'a' });
    createMdssClient({ baseUrl: 'x', token: () => 'a' });
    // @ts-expect-error a token is a string or a function returning one
    createMdssClient({ baseUrl: 'x', token: 42 });
  });
});
