// One contract for every cache store: `storeContract` registers the shared cases
// (`store-contract-cases.ts`) as vitest tests named after the store and the behaviour, e.g.
// 'redis: reads a value of an older format as a miss'. A case runs in this process unless
// `runCase` runs it elsewhere (the Web Cache API store's, inside workerd).
import { it } from 'vitest';
import {
  caseApplies,
  type MadeStore,
  runStoreCase,
  type StoreCase,
  type StoreSubject,
  storeCases,
} from './store-contract-cases.ts';

export type { MadeStore, StoreSubject } from './store-contract-cases.ts';

export function storeContract<M extends MadeStore>(
  name: string,
  subject: StoreSubject<M>,
  runCase: (storeCase: StoreCase) => Promise<void> = (storeCase) =>
    runStoreCase(storeCase, subject),
): void {
  for (const storeCase of storeCases) {
    if (caseApplies(storeCase, subject)) it(`${name}: ${storeCase.name}`, () => runCase(storeCase));
  }
}
