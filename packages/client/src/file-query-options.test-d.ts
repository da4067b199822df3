import type { FileResult } from '@mdss-kit/contract';
import { QueryClient, QueryObserver } from '@tanstack/query-core';
import { describe, expectTypeOf, it } from 'vitest';
import { createMdssClient } from './create-client.ts';
import { fileQueryOptions } from './file-query-options.ts';
import type { MdssError } from './mdss-error.ts';

const client = createMdssClient({ baseUrl: 'https://mdss.test', token: 't' });

describe('fileQueryOptions’ types', () => {
  it('give a QueryObserver whose data is the FileResult and whose error is the MdssError', () => {
    const observer = new QueryObserver(new QueryClient(), fileQueryOptions(client, 'x'));
    const result = observer.getCurrentResult();
    expectTypeOf(result.data).toEqualTypeOf<FileResult | undefined>();
    expectTypeOf(result.error).toEqualTypeOf<MdssError | null>();
  });

  it('take only the backoff', () => {
    fileQueryOptions(client, 'x', { minDelayMs: 500, maxDelayMs: 5000 });
    // @ts-expect-error the retries are the client's
    fileQueryOptions(client, 'x', { retries: 3 });
  });
});
