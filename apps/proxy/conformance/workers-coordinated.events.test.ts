import { eventsConformance, MINIFLARE_HANG_UPS } from './events-suite.ts';
import { coordinatedWorkersRuntime } from './runtimes.ts';

// With the FILE_COORDINATOR binding a stream is served by its key's Durable Object, whose one
// watch feeds every stream of that key: one poll per interval, as on a single process.
eventsConformance('workers with the file coordinator', coordinatedWorkersRuntime, {
  shared: true,
  noHangUps: MINIFLARE_HANG_UPS,
});
