import { workersRuntime } from './runtimes.ts';
import { conformance } from './suite.ts';

conformance(
  'workers',
  workersRuntime,
  {
    skip: "a Worker never holds a connection: Cloudflare's edge does, with its own timeouts, and Miniflare's local workerd is not that edge",
  },
  { metrics: false, exportsSpans: true },
);
