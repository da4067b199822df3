import { eventsConformance } from './events-suite.ts';
import { processRuntime } from './runtimes.ts';

eventsConformance('bun', processRuntime('bun'), { shared: true });
