import { workersRuntime } from './runtimes.ts';
import { conformance } from './suite.ts';

conformance('workers', workersRuntime);
