import { describe, expect, it } from 'vitest';
import { createNodeKeyDeriver } from '../runtimes/hmac-node.ts';
import { cacheKey, createKeyDeriver, memoized } from './key.ts';

describe('cache keys', () => {
  it('are the hex HMAC-SHA-256 of the token: Web Crypto and node:crypto agree', async () => {
    const secret = 'a shared secret of 32 characters';
    const web = await createKeyDeriver(secret)('token-a');
    expect(web).toMatch(/^[0-9a-f]{64}$/);
    expect(createNodeKeyDeriver(secret)('token-a')).toBe(web);
  });

  it('never contain the token, and differ per token and per secret', async () => {
    const derive = createKeyDeriver('secret number one, long enough');
    const a = cacheKey(await derive('token-a'), 'id');
    expect(a).not.toContain('token-a');
    expect(a).not.toBe(cacheKey(await derive('token-b'), 'id'));
    expect(a).not.toBe(
      cacheKey(await createKeyDeriver('secret number two, long enough')('token-a'), 'id'),
    );
  });

  it('use a random secret per deriver when none is configured', async () => {
    expect(await createKeyDeriver(undefined)('t')).not.toBe(await createKeyDeriver(undefined)('t'));
    expect(createNodeKeyDeriver(undefined)('t')).not.toBe(createNodeKeyDeriver(undefined)('t'));
  });

  it('remember the keys of recent tokens, synchronously, up to a bound', async () => {
    const derived: string[] = [];
    const derive = memoized(async (token) => {
      derived.push(token);
      return `key-of-${token}`;
    }, 2);
    expect(await derive('a')).toBe('key-of-a');
    expect(derive('a')).toBe('key-of-a');
    await derive('b');
    await derive('c'); // the bound: the memo starts over
    expect(derive('c')).toBe('key-of-c');
    expect(await derive('a')).toBe('key-of-a');
    expect(derived).toEqual(['a', 'b', 'c', 'a']);
  });
});
