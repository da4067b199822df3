import { coordinatedWorkersRuntime } from './runtimes.ts';
import { conformance } from './suite.ts';

// With the FILE_COORDINATOR binding every upstream GET goes through its key's Durable Object:
// the answers must be the very ones a Worker without it gives (statuses, headers, limits).
conformance(
  'workers with the file coordinator',
  coordinatedWorkersRuntime,
  {
    skip: "a Worker never holds a connection: Cloudflare's edge does, with its own timeouts, and Miniflare's local workerd is not that edge",
  },
  { metrics: false, exportsSpans: true, opsPort: false },
);
