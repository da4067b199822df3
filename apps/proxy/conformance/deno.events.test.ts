import { eventsConformance } from './events-suite.ts';
import { denoRuntime } from './runtimes.ts';

eventsConformance('deno', denoRuntime(), { shared: true });
