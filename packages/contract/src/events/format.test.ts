import { describe, expect, it } from 'vitest';
import { EventFieldError, formatComment, formatEvent } from './format.ts';

const LINE_ENDS = { CRLF: '\r\n', CR: '\r', LF: '\n' };

describe('formatEvent', () => {
  it('writes id, event and data lines and the blank line, as the proxy always has', () => {
    expect(formatEvent({ id: '1k-x2', event: 'progress', data: '{"a":1}' })).toBe(
      'id: 1k-x2\nevent: progress\ndata: {"a":1}\n\n',
    );
  });

  it('opens the first event with its retry: line, and gives a lone retry: no blank line', () => {
    expect(formatEvent({ retry: 10, id: '1', event: 'done', data: '{}' })).toBe(
      'retry: 10\nid: 1\nevent: done\ndata: {}\n\n',
    );
    expect(formatEvent({ retry: 1000 })).toBe('retry: 1000\n');
  });

  it.each(Object.entries(LINE_ENDS))('splits data at every %s into data: lines', (_, end) => {
    expect(formatEvent({ data: `a${end}b${end}${end}c${end}` })).toBe(
      'data: a\ndata: b\ndata: \ndata: c\ndata: \n\n',
    );
  });

  it('keeps a leading space of a data line (the one after the colon is the framing)', () => {
    expect(formatEvent({ data: ' x\n  y' })).toBe('data:  x\ndata:   y\n\n');
  });

  it.each(
    Object.entries(LINE_ENDS).flatMap(([name, end]) =>
      (['event', 'id'] as const).map((field) => [field, name, `a${end}data: injected`] as const),
    ),
  )('refuses %s with a %s in it', (field, _, value) => {
    const framing = () => formatEvent({ [field]: value, data: '{}' });
    expect(framing).toThrow(EventFieldError);
    expect(framing).toThrow(expect.objectContaining({ field, value }));
  });

  it.each(['\r', '\n', '\r\n'])('refuses CR and LF at either end of a field too (%j)', (end) => {
    for (const value of [`${end}x`, `x${end}`, end]) {
      expect(() => formatEvent({ event: value })).toThrow(EventFieldError);
      expect(() => formatEvent({ id: value })).toThrow(EventFieldError);
    }
  });

  it('refuses an id with NUL, which a client would ignore', () => {
    expect(() => formatEvent({ id: 'a\u0000b', data: '' })).toThrow(EventFieldError);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses retry: %s', (retry) => {
    expect(() => formatEvent({ retry })).toThrow(EventFieldError);
  });
});

describe('formatComment', () => {
  it('writes the heartbeat as one comment line, with no blank line', () => {
    expect(formatComment('heartbeat')).toBe(': heartbeat\n');
  });

  it.each(Object.values(LINE_ENDS))('refuses a comment with %j in it', (end) => {
    expect(() => formatComment(`a${end}b`)).toThrow(EventFieldError);
  });
});
