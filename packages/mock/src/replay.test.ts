import { mdssContract } from '@mdss-kit/contract/validate';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import recorded from '../fixtures/recorded-scan.json' with { type: 'json' };
import { createMdssHandlers } from './handlers.ts';
import { setupMdssServer } from './node.ts';
import { parseRecording, type Recording, RecordingError } from './recording.ts';
import { scenario } from './scenarios.ts';
import { startMockServer } from './server.ts';

const recording = parseRecording(recorded);
const BASE = 'https://mdss.test';
let now = 0;
const server = setupMdssServer({
  baseUrl: BASE,
  clock: () => now,
  files: {
    polls: scenario.replay(recording, { speed: 'per-poll' }),
    paced: scenario.replay(recording),
    fast: scenario.replay(recording, { speed: 1000 }),
  },
});
beforeAll(() =>
  server.listen({
    // The mock server's requests (127.0.0.1) go out for real.
    onUnhandledRequest: (request, print) => {
      if (new URL(request.url).hostname !== '127.0.0.1') print.error();
    },
  }),
);
afterEach(() => {
  now = 0;
  server.resetScenarios();
});
afterAll(() => server.close());

const answer = async (origin: string, id: string) => {
  const response = await fetch(`${origin}/api/file/${id}`, {
    headers: { authorization: 'Bearer t' },
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    retryAfter: response.headers.get('retry-after'),
    text: await response.text(),
  };
};

/** A recorded answer as served for `id`: a result carries that id in place of the recorded one. */
const asRecorded = (
  { status, headers, body }: Recording['answers'][number],
  id = recording.id,
) => ({
  status,
  contentType: headers['content-type'] ?? null,
  retryAfter: headers['retry-after'] ?? null,
  text: body
    .replace(`"id":"${recording.id}"`, `"id":"${id}"`)
    .replace(`"id": "${recording.id}"`, `"id": "${id}"`),
});

describe('the recorded-scan fixture', () => {
  it('holds to the contract: every body validates, and nothing is left unnamed', () => {
    expect(recording.findings).toEqual([]);
    for (const { status, headers, body } of recording.answers) {
      const contentType = headers['content-type'];
      const value = contentType?.includes('json') ? JSON.parse(body) : body;
      expect(mdssContract.responseErrors('/api/file/{id}', status, value, { contentType })).toEqual(
        [],
      );
    }
  });

  it('keeps what a JSON round trip would lose: 10002.0, an escape, the layout', () => {
    const last = recording.answers.at(-1)?.body ?? '';
    expect(last).toContain('"scanTime": 10002.0');
    expect(last).toContain('\\u00e9crit');
    expect(JSON.stringify(JSON.parse(last))).not.toBe(last);
  });
});

describe('scenario.replay in MSW (Node)', () => {
  it('plays each answer byte for byte, one per poll, the last repeating', async () => {
    for (const recorded of [...recording.answers, recording.answers.at(-1)]) {
      if (!recorded) throw new Error('the fixture has answers');
      expect(await answer(BASE, 'polls')).toEqual(asRecorded(recorded, 'polls'));
    }
  });

  it('serves a recording under any id: a result carries the id asked for, nothing else changes', async () => {
    const results = recording.answers.filter((a) => a.status === 200);
    expect(results.length).toBeGreaterThan(2);
    for (const recorded of recording.answers) {
      const served = await answer(BASE, 'polls');
      if (recorded.status !== 200) continue;
      expect(JSON.parse(served.text)).toEqual({ ...JSON.parse(recorded.body), id: 'polls' });
      // Byte for byte but for the id: the layout and 10002.0 stay.
      expect(served.text.length).toBe(recorded.body.length - recording.id.length + 'polls'.length);
    }
  });

  it('follows the recorded pace by the handlers’ clock', async () => {
    const statusAt = async (ms: number) => {
      now = ms;
      return (await answer(BASE, 'paced')).status;
    };
    // The fixture's answers are due at 0, 1 s, 3 s, 4 s and 5 s.
    expect(await statusAt(0)).toBe(200);
    expect(await statusAt(999)).toBe(200);
    expect(await statusAt(1_000)).toBe(503);
    expect(await statusAt(2_999)).toBe(503);
    expect(await statusAt(3_000)).toBe(200);
    expect(await statusAt(4_000)).toBe(502);
    expect((await answer(BASE, 'paced')).text).toBe(recording.answers[3]?.body); // the 502 page
    expect(await statusAt(5_000)).toBe(200);
    expect((await answer(BASE, 'paced')).text).toBe(
      asRecorded(recording.answers[4] as never, 'paced').text,
    );
  });

  it('compresses the pace by `speed`: five seconds of recording in five milliseconds', async () => {
    expect((await answer(BASE, 'fast')).status).toBe(200);
    now = 5;
    expect(await answer(BASE, 'fast')).toEqual(asRecorded(recording.answers[4] as never, 'fast'));
  });

  it('streams a replay as events: progress while in progress, done at the end; an error as a problem', async () => {
    const successes = recording.answers.filter(({ status }) => status === 200);
    const handlers = createMdssHandlers({
      baseUrl: 'https://stream.test',
      files: {
        ok: scenario.replay({ ...recording, answers: successes }, { speed: 'per-poll' }),
        failing: scenario.replay(recording, { speed: 'per-poll' }),
      },
      events: { intervalMs: 1 },
    });
    server.use(...handlers);
    const events = async (id: string) => {
      const response = await fetch(`https://stream.test/api/file/${id}/events`, {
        headers: { authorization: 'Bearer t' },
      });
      return [...(await response.text()).matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    };
    try {
      expect(await events('ok')).toEqual(['progress', 'progress', 'done']);
      expect(await events('failing')).toEqual(['progress', 'problem']);
    } finally {
      server.resetHandlers();
    }
  });

  it.each([
    [{}, /is not in the format mdss-kit-recording\/1/],
    [{ ...recorded, answers: [] }, /has no answers/],
    [{ ...recorded, id: '' }, /has no id/],
    [
      { ...recorded, answers: [{ delayMs: 0, status: 200, headers: {}, body: 1 }] },
      /answer 0 has a body that is not a string/,
    ],
    [
      { ...recorded, answers: [{ delayMs: -1, status: 200, headers: {}, body: '' }] },
      /answer 0 has no delayMs ≥ 0/,
    ],
    [
      { ...recorded, answers: [{ delayMs: 0, status: 42, headers: {}, body: '' }] },
      /answer 0 has no HTTP status/,
    ],
  ])('refuses a recording that is not one, saying why (%#)', (value, message) => {
    expect(() => scenario.replay(value)).toThrow(RecordingError);
    expect(() => scenario.replay(value)).toThrow(message);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses speed %s', (speed) => {
    expect(() => scenario.replay(recording, { speed })).toThrow(/speed must be a number > 0/);
  });
});

describe('scenario.replay in the mock server', () => {
  it('plays each answer byte for byte over real HTTP', async () => {
    const mock = await startMockServer({
      port: 0,
      files: { r: scenario.replay(recording, { speed: 'per-poll' }) },
    });
    try {
      for (const recorded of recording.answers) {
        expect(await answer(mock.url, 'r')).toEqual(asRecorded(recorded, 'r'));
      }
    } finally {
      await mock.close();
    }
  });
});
