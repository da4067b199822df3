import { eventsConformance } from './events-suite.ts';
import { processRuntime } from './runtimes.ts';

eventsConformance('node', processRuntime('node'), { shared: true });
