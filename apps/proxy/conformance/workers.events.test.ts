import { eventsConformance, MINIFLARE_HANG_UPS } from './events-suite.ts';
import { workersRuntime } from './runtimes.ts';

// One watch per stream on Workers: an isolate cannot do one request's I/O for another.
eventsConformance('workers', workersRuntime, { shared: false, noHangUps: MINIFLARE_HANG_UPS });
