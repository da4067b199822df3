import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLineLog } from './line-log.ts';

describe('createLineLog', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('batches lines into one write per interval, one JSON object per line', () => {
    const writes: string[] = [];
    const { log } = createLineLog((text) => writes.push(text), { flushMs: 50 });
    log({ a: 1 });
    log({ b: 'two' });
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(writes).toEqual(['{"a":1}\n{"b":"two"}\n']);
  });

  it('writes at once when the buffer is full, and on flush', () => {
    const writes: string[] = [];
    const { log, flush } = createLineLog((text) => writes.push(text), { maxBuffered: 20 });
    log({ long: 'x'.repeat(30) });
    expect(writes).toHaveLength(1);
    log({ c: 3 });
    flush();
    expect(writes).toEqual([`{"long":"${'x'.repeat(30)}"}\n`, '{"c":3}\n']);
    flush();
    expect(writes).toHaveLength(2);
  });
});
