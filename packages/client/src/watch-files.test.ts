import { presets, scenario } from '@mdss-kit/mock';
import { setupMdssServer } from '@mdss-kit/mock/node';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { failure } from '../test/failure.ts';
import { collect, endsPerFile, timelines } from '../test/file-updates.ts';
import { recordRequests } from '../test/recorded-requests.ts';
import { createMdssClient } from './create-client.ts';
import type { Transport } from './wait-for-file.ts';

// Many files against MSW: the mock serves `GET /api/files/events` and `GET /api/files/summary`
// from the files' scenarios (a step every 10 ms), as the proxy does; a 404 override is MDSS.
const BASE = 'https://mdss.test';
const many = Object.fromEntries(
  Array.from({ length: 100 }, (_, i) => [`many${String(i).padStart(3, '0')}`, presets.clean()]),
);
const server = setupMdssServer({
  baseUrl: BASE,
  files: {
    // biome-ignore lint/suspicious/noThenProperty: the scenario's option
    quick: scenario.processing({ polls: 1, then: presets.clean() }),
    // biome-ignore lint/suspicious/noThenProperty: the scenario's option
    slow: scenario.processing({ polls: 3, then: presets.infected() }),
    stuck: presets.inProgress({ upload: 100, scan: 40 }),
    ...many,
  },
});
const { seen, requests } = recordRequests(server);

const client = () => createMdssClient({ baseUrl: BASE, token: 't', random: () => 0.5 });
const fast = { minDelayMs: 5, maxDelayMs: 5 };
const ids = ['quick', 'slow', 'unknown'];

/** MDSS itself: neither many-file route (its 404), for `paths` (`events`, `summary`). */
const withoutRoutes = (...paths: string[]) =>
  server.use(
    ...paths.map((path) =>
      http.get(`${BASE}/api/files/${path}`, () =>
        HttpResponse.json({ err: 'Not Found' }, { status: 404 }),
      ),
    ),
  );

describe('watchFiles', () => {
  it.each<[Transport, string]>([
    ['stream', '/api/files/events'],
    ['poll', '/api/files/summary'],
  ])(
    'over %s: each file in order, each ending on its own, the loop when all have',
    async (transport, path) => {
      const updates = await collect(client().watchFiles(ids, { transport, ...fast }));
      expect(timelines(updates)).toEqual({
        quick: ['in_progress', 'available!'],
        slow: ['in_progress', 'in_progress', 'in_progress', 'available!'],
        unknown: ['error:not_found'],
      });
      expect(endsPerFile(updates)).toEqual({ quick: 1, slow: 1, unknown: 1 });
      // The quick file ended while the slow one went on.
      const order = updates.map((u) => u.id);
      expect(order.indexOf('quick', 1)).toBeLessThan(order.lastIndexOf('slow'));
      expect(new Set(seen)).toEqual(new Set([path]));
      if (transport === 'stream') expect(seen).toHaveLength(1);
      // Every request listed the files in the order given, or (polling) those still open.
      const listed = requests.map((r) => new URL(r.url).searchParams.getAll('id'));
      expect(listed[0]).toEqual(ids);
    },
  );

  it('auto streams from a server that offers the route (the mock, as the proxy)', async () => {
    const updates = await collect(client().watchFiles(ids, fast));
    expect(endsPerFile(updates)).toEqual({ quick: 1, slow: 1, unknown: 1 });
    expect(seen).toEqual(['/api/files/events']);
  });

  it('auto long-polls the summary from a server without the stream (its 404)', async () => {
    withoutRoutes('events');
    const updates = await collect(client().watchFiles(ids, fast));
    expect(timelines(updates).slow?.at(-1)).toBe('available!');
    expect(seen[0]).toBe('/api/files/events');
    expect(new Set(seen.slice(1))).toEqual(new Set(['/api/files/summary']));
    // After each answer, the same list is asked for with its tag and `Prefer: wait` (held until
    // a file changes); a list that shrank (a file ended) is asked for at once, without.
    const polls = requests.slice(1).map((r) => ({
      ids: new URL(r.url).searchParams.getAll('id').join(),
      held: r.headers.has('if-none-match') && r.headers.get('prefer') === 'wait=30',
    }));
    const same = polls.slice(1).map((poll, i) => poll.ids === polls[i]?.ids);
    expect(polls.slice(1).map((poll) => poll.held)).toEqual(same);
    expect(same).toContain(true);
  });

  it('auto polls each file from a server with neither route (MDSS), and asks no more after', async () => {
    withoutRoutes('events', 'summary');
    const mdss = client();
    const updates = await collect(mdss.watchFiles(ids, fast));
    expect(timelines(updates)).toEqual({
      quick: ['in_progress', 'available!'],
      slow: ['in_progress', 'in_progress', 'in_progress', 'available!'],
      unknown: ['error:not_found'],
    });
    expect(seen.slice(0, 2)).toEqual(['/api/files/events', '/api/files/summary']);
    expect(new Set(seen.slice(2))).toEqual(
      new Set(['/api/file/quick', '/api/file/slow', '/api/file/unknown']),
    );
    seen.length = 0;
    await collect(mdss.watchFiles(['quick'], fast));
    expect(seen.every((path) => path === '/api/file/quick')).toBe(true);
  });

  it("transport 'stream' fails no_stream against a server without the route", async () => {
    withoutRoutes('events');
    const error = await failure(collect(client().watchFiles(ids, { transport: 'stream' })));
    expect(error.code).toBe('no_stream');
  });

  it('takes 100 ids on one stream, and each ends once', async () => {
    const hundred = Object.keys(many);
    const updates = await collect(client().watchFiles(hundred));
    expect(Object.values(endsPerFile(updates))).toEqual(Array(100).fill(1));
    expect(seen).toEqual(['/api/files/events']);
  });

  it.each<[string, string[], RegExp]>([
    ['no id', [], /1 to 100 file ids \(got 0\)/],
    ['101 ids', [...Object.keys(many), 'quick'], /1 to 100 file ids \(got 101\)/],
    ['an id twice', ['quick', 'slow', 'quick'], /listed twice: quick/],
    ['an id that is not one path segment', ['quick', '../x'], /Not a file id/],
  ])('fails invalid_id for %s, sending nothing', async (_, list, message) => {
    const mdss = client();
    for (const work of [collect(mdss.watchFiles(list)), mdss.waitForFiles(list)]) {
      const error = await failure(work);
      expect(error.code).toBe('invalid_id');
      expect(error.message).toMatch(message);
    }
    expect(seen).toEqual([]);
  });

  it('ends the stream when the loop is left early', async () => {
    for await (const update of client().watchFiles(['stuck', 'slow'])) {
      expect(update.id).toMatch(/stuck|slow/);
      break;
    }
    expect(seen).toEqual(['/api/files/events']);
    expect(requests[0]?.signal.aborted).toBe(true);
  });

  it('fails as watchFile does: maxWaitMs is a timeout', async () => {
    const error = await failure(
      collect(client().watchFiles(['stuck', 'quick'], { maxWaitMs: 200 })),
    );
    expect(error.code).toBe('timeout');
  });
});

describe('waitForFiles', () => {
  it.each<Transport>(['stream', 'poll'])(
    'resolves over %s with each file’s end in the order of the ids, errors included',
    async (transport) => {
      const reported: string[] = [];
      const ends = await client().waitForFiles(['unknown', 'slow', 'quick'], {
        transport,
        ...fast,
        onUpdate: (update) => reported.push(update.id),
      });
      expect(ends.map((end) => end.id)).toEqual(['unknown', 'slow', 'quick']);
      const [unknown, slow, quick] = ends;
      expect(unknown && 'error' in unknown && unknown.error.code).toBe('not_found');
      expect(slow && 'summary' in slow && slow.summary.decision).toBe('blocked');
      expect(quick && 'summary' in quick && quick.summary.decision).toBe('allowed');
      expect(reported.filter((id) => id === 'slow')).toHaveLength(4);
    },
  );

  it('rejects with timeout at maxWaitMs while a file is still in progress', async () => {
    const error = await failure(client().waitForFiles(['quick', 'stuck'], { maxWaitMs: 200 }));
    expect(error.code).toBe('timeout');
  });
});
