import { processRuntime } from './runtimes.ts';
import { conformance } from './suite.ts';

conformance('bun', processRuntime('bun'));
