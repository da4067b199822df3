// One contract for every fleet adapter: `fleetContract` registers the shared cases
// (`fleet-contract-cases.ts`) as vitest tests named after the adapter and the behaviour. A case
// runs in this process unless `runCase` runs it elsewhere (the Durable Object's, inside workerd).
import { it } from 'vitest';
import {
  type FleetCase,
  type FleetSubject,
  fleetCases,
  runFleetCase,
} from './fleet-contract-cases.ts';

export function fleetContract(
  name: string,
  subject: FleetSubject | undefined,
  runCase: (fleetCase: FleetCase) => Promise<void> = (fleetCase) =>
    runFleetCase(fleetCase, subject ?? { make: () => Promise.reject(new Error('no subject')) }),
): void {
  for (const fleetCase of fleetCases) {
    it(`${name}: ${fleetCase.name}`, () => runCase(fleetCase), 30_000);
  }
}
