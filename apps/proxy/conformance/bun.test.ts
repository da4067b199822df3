import { processRuntime } from './runtimes.ts';
import { conformance } from './suite.ts';

// Bun closes a connection whose head is not complete after its own 10 s (at 10–12 s), whatever
// HEADERS_TIMEOUT_MS says: Bun.serve has no setting for it (README, Differences).
// Bun's "heap spaces" are JavaScriptCore's one heap dressed as V8's old space; the version is the
// Node it imitates.
conformance(
  'bun',
  processRuntime('bun'),
  { fixedHeadDeadlineMs: 12_000 },
  {
    metrics: true,
    exportsSpans: true,
    opsPort: true,
    falseMetrics: [
      'nodejs_heap_space_size_total_bytes',
      'nodejs_heap_space_size_used_bytes',
      'nodejs_heap_space_size_available_bytes',
      'nodejs_version_info',
    ],
  },
);
