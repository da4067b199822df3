// Log lines as JSON, batched: one write per 50 ms (or per 64 KiB) instead of one per request,
// because a synchronous write per line costs more than the request it describes.

export type LogLine = Record<string, unknown>;

let lastMs = Number.NaN;
let lastIso = '';
/** `new Date(ms).toISOString()`, once per millisecond however many requests share it. */
export function isoTime(ms: number): string {
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}

export function createLineLog(
  write: (text: string) => void,
  { flushMs = 50, maxBuffered = 64 * 1024 } = {},
) {
  let buffered = '';
  let timer: ReturnType<typeof setTimeout> | undefined;

  function flush() {
    clearTimeout(timer);
    timer = undefined;
    if (buffered === '') return;
    const text = buffered;
    buffered = '';
    write(text);
  }

  function log(line: LogLine) {
    buffered += `${JSON.stringify(line)}\n`;
    if (buffered.length >= maxBuffered) flush();
    else if (timer === undefined) {
      timer = setTimeout(flush, flushMs);
      // A pending flush must not keep a process alive that has nothing else to do.
      (timer as { unref?: () => void }).unref?.();
    }
  }

  return { log, flush };
}
