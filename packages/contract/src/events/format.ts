// Server-sent events framed for the wire (WHATWG HTML §9.2.5), the one place they are framed.
// A field is one line, so a value must not end it early: `event`, `id` and a comment refuse CR
// and LF (and `id` NUL too, which makes a client ignore the id, §9.2.6), and `data` is sent as
// one `data:` line per line of its text, as a client joins them back with LF.

/** A field whose value cannot be framed: it would end its line, or is no value of the field. */
export class EventFieldError extends TypeError {
  constructor(
    readonly field: 'event' | 'id' | 'retry' | 'comment',
    readonly value: string | number,
  ) {
    super(`An event's ${field} cannot be framed: ${JSON.stringify(value)}.`);
    this.name = 'EventFieldError';
  }
}

export interface EventFields {
  /** The reconnection delay asked of the client, in ms. */
  retry?: number | undefined;
  id?: string | undefined;
  event?: string | undefined;
  /** The event's text: CRLF, CR and LF each end one of its lines. */
  data?: string | undefined;
}

/** §9.2.6 reads a line as ending at CRLF, CR or LF, each. */
const LINE_END = /\r\n|\r|\n/;

function lineValue(field: 'event' | 'id' | 'comment', value: string): string {
  if (/[\r\n]/.test(value) || (field === 'id' && value.includes('\0'))) {
    throw new EventFieldError(field, value);
  }
  return value;
}

function retryValue(ms: number): number {
  // §9.2.6: a `retry:` value of anything but ASCII digits is ignored.
  if (!Number.isSafeInteger(ms) || ms < 0) throw new EventFieldError('retry', ms);
  return ms;
}

/**
 * One event's lines in the order `retry:`, `id:`, `event:`, `data:`, and the blank line that
 * dispatches it. Fields without `data` (a stream's opening `retry:`) get no blank line: they open
 * the next event's block, since a client that dispatches at every blank line
 * (@microsoft/fetch-event-source) would report a block of its own as an empty message.
 */
export function formatEvent({ retry, id, event, data }: EventFields): string {
  let text = retry === undefined ? '' : `retry: ${retryValue(retry)}\n`;
  if (id !== undefined) text += `id: ${lineValue('id', id)}\n`;
  if (event !== undefined) text += `event: ${lineValue('event', event)}\n`;
  if (data === undefined) return text;
  for (const line of data.split(LINE_END)) text += `data: ${line}\n`;
  return `${text}\n`;
}

/**
 * A comment line (`: heartbeat`): clients ignore it, intermediaries see traffic. No blank line,
 * for the same reason as `formatEvent`'s.
 */
export const formatComment = (text: string): string => `: ${lineValue('comment', text)}\n`;
