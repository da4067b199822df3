// An async iterator fed by work that pushes values as they come: what watchFile and watchFiles
// yield. Values are yielded in the order pushed; the loop ends after a value `last` names, or
// when the work ends (throwing its error); leaving the loop early aborts the work's signal.

/** Runs `work` and yields what it pushes. */
export async function* queued<T>(
  work: (push: (value: T) => void, left: AbortSignal) => Promise<void>,
  last: (value: T) => boolean = () => false,
): AsyncGenerator<T, void, undefined> {
  const queue: T[] = [];
  let wake = () => {};
  let ended: { error: unknown } | undefined;
  const end = (error: unknown) => {
    ended = { error };
    wake();
  };
  const left = new AbortController();
  work((value) => {
    queue.push(value);
    wake();
  }, left.signal).then(() => end(undefined), end);
  try {
    for (;;) {
      if (queue.length > 0) {
        const value = queue.shift() as T;
        yield value;
        if (last(value)) return;
      } else if (ended) {
        if (ended.error) throw ended.error;
        return;
      } else {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    }
  } finally {
    left.abort();
  }
}
