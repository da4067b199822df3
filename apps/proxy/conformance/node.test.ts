import { processRuntime } from './runtimes.ts';
import { conformance } from './suite.ts';

conformance('node', processRuntime('node'));
