import { describe, expect, it } from 'vitest';
import { problemEventId, summaryEventId } from './ids.ts';
import { eventIdOf, isStreamOver } from './last-event-id.ts';

const summaryId = summaryEventId('{"done":true}');

describe('a Last-Event-ID', () => {
  it('is read trimmed', () => {
    expect(eventIdOf(` ${summaryId} `)).toBe(summaryId);
    expect(eventIdOf(null)).toBeUndefined();
  });

  it('ends the stream when it names a final problem, whatever the file has now', () => {
    expect(isStreamOver(problemEventId(502))).toBe(true);
    expect(isStreamOver(problemEventId(404), summaryId)).toBe(true);
  });

  it('ends the stream when it names the final event', () => {
    expect(isStreamOver(summaryId, summaryId)).toBe(true);
  });

  it('leaves the stream open without one, before a final event, or naming an older event', () => {
    expect(isStreamOver(undefined, summaryId)).toBe(false);
    expect(isStreamOver(summaryId)).toBe(false);
    expect(isStreamOver(summaryEventId('{"done":false}'), summaryId)).toBe(false);
  });
});
