// Hand-made event streams for tests that need a precise wire (a `retry:`, a cut at a chosen
// place): every event is held to the contract's FileEvent before it is sent.
import { type FileEventName, formatEvent } from '@mdss-kit/contract/events';
import { proxyContract } from '@mdss-kit/contract/validate';
import { HttpResponse } from 'msw';

export type WireEvent = { id: string; event: FileEventName; data: unknown };

/** One event's frame, checked against the contract (its `data` as the JSON text it is sent as). */
export function frame(event: WireEvent): string {
  const wire = { ...event, data: JSON.stringify(event.data) };
  proxyContract.assertSchema('FileEvent', wire);
  return formatEvent(wire);
}

/** A text/event-stream response of these parts, in order; it ends with `end`: closed, cut, or held open. */
export function eventStreamResponse(
  parts: string[],
  end: 'close' | 'cut' | 'hold' = 'close',
): HttpResponse<ReadableStream> {
  const encoder = new TextEncoder();
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const part = parts[next++];
      if (part !== undefined) controller.enqueue(encoder.encode(part));
      else if (end === 'close') controller.close();
      // A moment later: an error drops whatever the reading side has not taken yet.
      else if (end === 'cut') setTimeout(() => controller.error(new TypeError('cut')), 20);
      else return new Promise<void>(() => {});
    },
  });
  return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } });
}
