// One contract for every cache store: `storeContract` runs the shared cases
// (`store-contract-cases.ts`) under vitest against a store made in this process. Each test is
// named after the store and the behaviour, e.g. 'redis: reads a value of an older format as a miss'.
import { it } from 'vitest';
import {
  caseApplies,
  type MadeStore,
  type StoreSubject,
  storeCases,
} from './store-contract-cases.ts';

export type { MadeStore, StoreSubject } from './store-contract-cases.ts';

export function storeContract<M extends MadeStore>(name: string, subject: StoreSubject<M>): void {
  for (const storeCase of storeCases) {
    if (caseApplies(storeCase, subject))
      it(`${name}: ${storeCase.name}`, () => storeCase.run(subject));
  }
}
