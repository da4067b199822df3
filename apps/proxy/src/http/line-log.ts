// Log lines (access-log.ts) written as JSON, batched: one write per 50 ms (or per 64 KiB) instead of one per request,
// because a synchronous write per line costs more than the request it describes.

import type { LogLine } from './access-log.ts';

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
