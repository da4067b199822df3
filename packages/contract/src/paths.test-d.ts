import createClient from 'openapi-fetch';
import { describe, expectTypeOf, it } from 'vitest';
import type { ErrorBody, FileResult, paths } from './index.ts';

describe('the generated paths type', () => {
  const client = createClient<paths>({ baseUrl: 'http://mdss.test' });

  it('gives GET /api/file/{id} the FileResult response and typed error bodies', async () => {
    const { data, error } = await client.GET('/api/file/{id}', { params: { path: { id: 'x' } } });
    // Mutually assignable: openapi-fetch rebuilds the types, so identity is too strict a test
    // (records composed with `allOf`, such as DlpInfo, come back as other but equal types).
    expectTypeOf(data).toExtend<FileResult | undefined>();
    expectTypeOf<FileResult | undefined>().toExtend<typeof data>();
    // A string too: NGINX's HTML pages (502, 503, 504) are declared as what they are (§8.9).
    expectTypeOf(error).toExtend<ErrorBody | string | undefined>();
    expectTypeOf<ErrorBody | string | undefined>().toExtend<typeof error>();
  });

  it('admits error bodies of any shape the upstream sends, such as Core’s keyed by the id', () => {
    expectTypeOf<{ '5e91c094efe27b0006489533': string }>().toExtend<ErrorBody>();
    expectTypeOf<{ responseKey: string; responseMessage: string }>().toExtend<ErrorBody>();
  });

  it('requires the id path parameter', () => {
    // @ts-expect-error the id is required
    client.GET('/api/file/{id}', { params: { path: {} } });
  });

  it('types processingState as an open integer and id as required', () => {
    expectTypeOf<FileResult['processingState']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<FileResult['id']>().toEqualTypeOf<string>();
  });
});
