// The isolate's side of the Durable Object fleet when the object fails: it acts alone, logs that
// as the fleet's, and stops asking for a cool-down. (What the port promises is the fleet
// contract's, on workerd: `durable-object.contract.test.ts`.)
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../http/access-log.ts';
import { type CoordinatorNamespace, createDurableObjectFleet } from './durable-object-client.ts';

/** A namespace whose objects answer `answer` (or throw it), counting the calls. */
function namespaceOf(answer: () => Response) {
  const asked = { count: 0 };
  const namespace: CoordinatorNamespace = {
    idFromName: (name) => name,
    get: () => ({
      async fetch() {
        asked.count++;
        return answer();
      },
    }),
  };
  return { namespace, asked };
}

const overloaded = () => {
  throw new Error('the object is overloaded');
};

describe('the Durable Object fleet, when the object fails', () => {
  it("acts alone, and logs each failure as the fleet's", async () => {
    const { namespace } = namespaceOf(overloaded);
    const lines: LogLine[] = [];
    const fleet = createDurableObjectFleet(namespace, (line) => lines.push(line));
    expect((await fleet.flight('k', 1000)).kind).toBe('alone');
    expect(await fleet.lead('k', 'seat', 1000)).toBeUndefined();
    expect(lines).toEqual(
      ['flight', 'lead'].map((operation) => ({
        level: 'warn',
        msg: 'fleet unavailable; this isolate acts alone',
        fleet: 'durable-object',
        operation,
        error: 'the object is overloaded',
      })),
    );
  });

  it("reads an answer without the object's mark as the object's failure", async () => {
    const { namespace } = namespaceOf(() => new Response('oops', { status: 500 }));
    const lines: LogLine[] = [];
    const fleet = createDurableObjectFleet(namespace, (line) => lines.push(line));
    expect((await fleet.flight('k', 1000)).kind).toBe('alone');
    expect(lines).toMatchObject([{ error: 'the object answered 500 without its mark' }]);
  });

  it('stops asking failing objects after three failures in a row, for a cool-down, then probes', async () => {
    const { namespace, asked } = namespaceOf(overloaded);
    const clock = { ms: 0 };
    const lines: LogLine[] = [];
    const fleet = createDurableObjectFleet(namespace, (line) => lines.push(line), {
      breaker: { now: () => clock.ms },
    });
    for (let i = 0; i < 6; i++) expect((await fleet.flight(`k${i}`, 1000)).kind).toBe('alone');
    expect(asked.count).toBe(3);
    expect(lines).toHaveLength(3);
    clock.ms += 1000;
    expect((await fleet.flight('probe', 1000)).kind).toBe('alone');
    expect(asked.count).toBe(4);
  });
});
