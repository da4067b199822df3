// The MdssError a piece of work rejects with, failing the test if it resolves or throws another.
import { expect } from 'vitest';
import { MdssError } from '../src/mdss-error.ts';

export async function failure(work: Promise<unknown>): Promise<MdssError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MdssError);
  return error as MdssError;
}
