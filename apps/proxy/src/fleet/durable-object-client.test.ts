import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delayed, files, startUpstream, type UpstreamServer } from '../../test/upstream-server.ts';
import { cacheKey, createKeyDeriver } from '../cache/key.ts';
import type { LogLine } from '../http/access-log.ts';
import { createUpstream } from '../upstream/request.ts';
import { FileCoordinator } from './durable-object.ts';
import { type CoordinatorNamespace, coordinated } from './durable-object-client.ts';

const TOKEN = 'client-token-1';
const deriveKey = createKeyDeriver('coordinator client secret 32 c');

/**
 * A namespace in this process: one FileCoordinator per name, reached as workerd reaches an
 * object (a Request; the caller's signal abandons the call), remembering the names it was asked
 * for. `broken` objects throw.
 */
function namespaceOf(env: Record<string, string>, broken = false) {
  const objects = new Map<string, FileCoordinator>();
  const names: string[] = [];
  const asked = { count: 0 };
  const namespace: CoordinatorNamespace = {
    idFromName(name) {
      names.push(name);
      return name;
    },
    get(id) {
      const name = String(id);
      const object = objects.get(name) ?? new FileCoordinator(undefined, env);
      objects.set(name, object);
      return {
        async fetch(input, init) {
          asked.count++;
          if (broken) throw new Error('the object is overloaded');
          const abandoned = new Promise<never>((_, reject) =>
            init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
          );
          return Promise.race([object.fetch(new Request(input, init)), abandoned]);
        },
      };
    },
  };
  return { namespace, names, asked };
}

describe("the Worker's exchange through the FileCoordinator", () => {
  let upstream: UpstreamServer;
  beforeAll(async () => {
    upstream = await startUpstream();
  });
  afterAll(async () => {
    await upstream?.close();
  });
  // A deadline only a hang reaches: the test of the deadline has its own.
  const fetchFileWith = (namespace: CoordinatorNamespace, log: (line: LogLine) => void) =>
    createUpstream({
      baseUrl: upstream.url,
      timeoutMs: 10_000,
      maxBytes: 64 * 1024,
      exchange: coordinated(namespace, deriveKey, log).exchange,
    });
  const headers = { authorization: `Bearer ${TOKEN}`, accept: 'application/json', requestId: 'r' };

  it("names the object by the credential's key and the file id, never by the token", async () => {
    const { namespace, names } = namespaceOf({ MDSS_URL: upstream.url });
    upstream.answer(delayed(100, files()));
    const fetchFile = fetchFileWith(namespace, () => {});
    const outcomes = await Promise.all([
      fetchFile('name/1', headers),
      fetchFile('name/1', headers),
    ]);
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ kind: 'result', result: { servedTo: `Bearer ${TOKEN}` } });
    }
    expect(names).toEqual(Array(2).fill(cacheKey(await deriveKey(TOKEN), 'name/1')));
    for (const name of names) expect(name).not.toContain(TOKEN);
    expect(upstream.calls.filter((c) => c.path === '/api/file/name%2F1')).toHaveLength(1);
  });

  it('asks the upstream itself when the object fails, and logs it without the token', async () => {
    const { namespace } = namespaceOf({ MDSS_URL: upstream.url }, true);
    upstream.answer(files());
    const lines: LogLine[] = [];
    const outcome = await fetchFileWith(namespace, (line) => lines.push(line))('down/1', headers);
    expect(outcome).toMatchObject({ kind: 'result', result: { id: 'down/1' } });
    expect(upstream.calls.filter((c) => c.path === '/api/file/down%2F1')).toHaveLength(1);
    expect(lines).toEqual([
      {
        level: 'warn',
        msg: 'the file coordinator failed; the isolate asks the upstream itself',
        error: 'the object is overloaded',
      },
    ]);
    expect(JSON.stringify(lines)).not.toContain(TOKEN);
  });

  it('stops asking failing objects after three failures in a row, for a cool-down, then probes', async () => {
    const { namespace, asked } = namespaceOf({ MDSS_URL: upstream.url }, true);
    upstream.answer(files());
    const clock = { ms: 0 };
    const lines: LogLine[] = [];
    const fetchFile = createUpstream({
      baseUrl: upstream.url,
      timeoutMs: 10_000,
      maxBytes: 64 * 1024,
      exchange: coordinated(namespace, deriveKey, (line) => lines.push(line), {
        breaker: { now: () => clock.ms },
      }).exchange,
    });
    for (let i = 0; i < 6; i++) {
      expect(await fetchFile(`cool/${i}`, headers)).toMatchObject({ kind: 'result' });
    }
    expect(asked.count).toBe(3);
    expect(lines).toHaveLength(3);
    clock.ms += 1000;
    expect(await fetchFile('cool/probe', headers)).toMatchObject({ kind: 'result' });
    expect(asked.count).toBe(4);
    expect(upstream.calls.filter((c) => c.path.startsWith('/api/file/cool%2F'))).toHaveLength(7);
  });

  it('reads a timeout of its own as a timeout, without asking the upstream again', async () => {
    const { namespace } = namespaceOf({ MDSS_URL: upstream.url, UPSTREAM_TIMEOUT_MS: '1000' });
    upstream.answer(delayed(1500, files()));
    const lines: LogLine[] = [];
    const fetchFile = createUpstream({
      baseUrl: upstream.url,
      timeoutMs: 200,
      maxBytes: 64 * 1024,
      exchange: coordinated(namespace, deriveKey, (line) => lines.push(line)).exchange,
    });
    expect(await fetchFile('slow/1', headers)).toEqual({ kind: 'timeout' });
    expect(upstream.calls.filter((c) => c.path === '/api/file/slow%2F1')).toHaveLength(1);
    expect(lines).toEqual([]);
  });
});
