// The fleet contract's cases on the Durable Object, inside workerd: a fetch handler that runs the
// case named in the `contract-case` header with two instances of the Durable Object fleet (each
// its own client, as two isolates have) bound to one FILE_COORDINATOR namespace, and answers 204,
// or 500 with the failure. `durable-object.contract.test.ts` serves it through Miniflare.
import { type CoordinatorNamespace, createDurableObjectFleet } from './durable-object-client.ts';
import { fleetCases, runFleetCase } from './fleet-contract-cases.ts';

export { FileCoordinator } from './durable-object.ts';

export default {
  async fetch(request: Request, env: { FILE_COORDINATOR: CoordinatorNamespace }) {
    const name = request.headers.get('contract-case');
    const fleetCase = fleetCases.find((c) => c.name === name);
    if (!fleetCase) return new Response(`no case named ${name}`, { status: 404 });
    const log = (line: unknown) => console.log(JSON.stringify(line));
    const member = () => createDurableObjectFleet(env.FILE_COORDINATOR, log);
    try {
      await runFleetCase(fleetCase, { make: () => ({ members: [member(), member()] }) });
      return new Response(null, { status: 204 });
    } catch (error) {
      const failure = error instanceof Error ? (error.stack ?? error.message) : String(error);
      return new Response(failure, { status: 500 });
    }
  },
};
