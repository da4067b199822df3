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
    log({ level: 'info', msg: 'a' });
    log({ level: 'warn', msg: 'b' });
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(writes).toEqual(['{"level":"info","msg":"a"}\n{"level":"warn","msg":"b"}\n']);
  });

  it('writes at once when the buffer is full, and on flush', () => {
    const writes: string[] = [];
    const { log, flush } = createLineLog((text) => writes.push(text), { maxBuffered: 40 });
    log({ level: 'info', msg: 'x'.repeat(30) });
    expect(writes).toHaveLength(1);
    log({ level: 'info', msg: 'c' });
    flush();
    expect(writes).toEqual([
      `{"level":"info","msg":"${'x'.repeat(30)}"}\n`,
      '{"level":"info","msg":"c"}\n',
    ]);
    flush();
    expect(writes).toHaveLength(2);
  });
});
