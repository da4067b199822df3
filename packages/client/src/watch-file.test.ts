import type { FileSummary } from '@mdss-kit/contract';
import { proxyContract } from '@mdss-kit/contract/validate';
import { presets, scenario } from '@mdss-kit/mock';
import { setupMdssServer } from '@mdss-kit/mock/node';
import { describe, expect, it } from 'vitest';
import { failure } from '../test/failure.ts';
import { recordRequests } from '../test/recorded-requests.ts';
import { createMdssClient } from './create-client.ts';
import type { Transport } from './wait-for-file.ts';

const BASE = 'https://mdss.test';
const server = setupMdssServer({
  baseUrl: BASE,
  files: {
    // biome-ignore lint/suspicious/noThenProperty: the scenario's option
    progressing: scenario.processing({ polls: 2, then: presets.clean() }),
    stuck: presets.inProgress(),
  },
});
const { seen, requests } = recordRequests(server);

const client = () => createMdssClient({ baseUrl: BASE, token: 't' });

/** Every summary the watch yields, each held to the contract. */
async function collect(watch: AsyncIterable<FileSummary>): Promise<FileSummary[]> {
  const summaries: FileSummary[] = [];
  for await (const summary of watch) {
    proxyContract.assertSchema('FileSummary', summary);
    summaries.push(summary);
  }
  return summaries;
}

describe('watchFile', () => {
  it.each<Transport>(['stream', 'poll'])(
    'yields each summary over %s, ending after the done one',
    async (transport) => {
      const summaries = await collect(
        client().watchFile('progressing', { transport, minDelayMs: 5, maxDelayMs: 5 }),
      );
      expect(summaries.map((s) => [s.state, s.done])).toEqual([
        ['in_progress', false],
        ['in_progress', false],
        ['available', true],
      ]);
      expect(summaries.every((s) => s.id === 'progressing')).toBe(true);
      // No GET of the full result after the stream's done: only the summaries were asked for.
      if (transport === 'stream') expect(seen).toEqual(['/api/file/progressing/events']);
    },
  );

  it('ends the stream when the loop is left early', async () => {
    for await (const summary of client().watchFile('stuck')) {
      expect(summary.done).toBe(false);
      break;
    }
    expect(seen).toEqual(['/api/file/stuck/events']);
    expect(requests[0]?.signal.aborted).toBe(true);
  });

  it('fails the loop, sending nothing, for an id that is not one path segment', async () => {
    const error = await failure(collect(client().watchFile('../x')));
    expect(error.code).toBe('invalid_id');
    expect(seen).toEqual([]);
  });

  it('fails as waitForFile does: maxWaitMs is a timeout', async () => {
    const error = await failure(collect(client().watchFile('stuck', { maxWaitMs: 100 })));
    expect(error.code).toBe('timeout');
  });
});
