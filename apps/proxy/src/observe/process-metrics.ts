// The process's own metrics (prom-client's defaults, `process_*` and `nodejs_*`) as far as each
// runtime measures them truly. prom-client reads Node's APIs and /proc/self; Bun and Deno imitate
// those APIs, and some of what they give is false (measured on each, README Operations): such a
// metric is left out, or read from what the runtime does measure.
import { collectDefaultMetrics, Gauge, type Registry } from 'prom-client';

export type ProcessRuntime = 'node' | 'bun' | 'deno';

/** The JavaScript heap as the engine itself counts it (Bun: JavaScriptCore's `heapStats`). */
export type HeapReader = () => { usedBytes: number; totalBytes: number };

const EVENT_LOOP_HISTOGRAM = ['min', 'max', 'mean', 'stddev', 'p50', 'p90', 'p99'].map(
  (stat) => `nodejs_eventloop_lag_${stat}_seconds`,
);
const LIBUV_HANDLES = [
  'nodejs_active_handles',
  'nodejs_active_handles_total',
  'nodejs_active_resources',
  'nodejs_active_resources_total',
  'nodejs_active_requests',
  'nodejs_active_requests_total',
];
const HEAP = ['nodejs_heap_size_total_bytes', 'nodejs_heap_size_used_bytes'];
const HEAP_SPACES = ['total', 'used', 'available'].map(
  (figure) => `nodejs_heap_space_size_${figure}_bytes`,
);

/**
 * How often the event loop's lag is sampled. prom-client's 10 ms wakes an idle proxy 100 times a
 * second, and a proxy waiting on MDSS between polls is mostly idle: each wakeup costs it CPU
 * (on a VM, more than the request it waits for) and nothing else. At 100 ms a block of 100 ms or
 * more is always seen, a shorter one as often as it overlaps a sample.
 */
const LAG_SAMPLE_MS = 100;

/** prom-client's defaults that each runtime reports falsely. */
export const untrue: Record<ProcessRuntime, readonly string[]> = {
  node: [],
  // JavaScriptCore is no V8: memoryUsage()'s heapTotal is below its heapUsed, and the "heap
  // spaces" are its one heap dressed as V8's old space. Bun keeps no libuv handles (always 0).
  // The version is the Node it imitates.
  bun: [...HEAP, ...HEAP_SPACES, ...LIBUV_HANDLES, 'nodejs_version_info'],
  // /proc/self is out of reach without --allow-all: memory and descriptors read 0. Its
  // monitorEventLoopDelay did not see the loop blocked for 250 ms. The version is the Node it
  // imitates.
  deno: [
    'process_resident_memory_bytes',
    'process_virtual_memory_bytes',
    'process_heap_bytes',
    'process_open_fds',
    'process_max_fds',
    ...EVENT_LOOP_HISTOGRAM,
    'nodejs_version_info',
  ],
};

/**
 * Registers on `registry` the process metrics `runtime` measures truly. `heap`: the engine's own
 * count of its heap, reported as `nodejs_heap_size_*` where `process.memoryUsage()` is false.
 */
export function collectProcessMetrics(
  registry: Registry,
  runtime: ProcessRuntime,
  heap?: HeapReader,
): void {
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: LAG_SAMPLE_MS });
  for (const name of untrue[runtime]) registry.removeSingleMetric(name);
  if (runtime === 'deno') {
    // Deno tells its resident set through process.memoryUsage() (measured against /proc).
    new Gauge({
      name: 'process_resident_memory_bytes',
      help: 'Resident memory size in bytes.',
      registers: [registry],
      collect() {
        this.set(process.memoryUsage().rss);
      },
    });
  }
  if (heap) {
    const total = new Gauge({
      name: 'nodejs_heap_size_total_bytes',
      help: "The JavaScript heap's size in bytes, as its engine counts it.",
      registers: [registry],
      collect() {
        const read = heap();
        total.set(read.totalBytes);
        used.set(read.usedBytes);
      },
    });
    const used = new Gauge({
      name: 'nodejs_heap_size_used_bytes',
      help: 'The JavaScript heap in use in bytes, as its engine counts it.',
      registers: [registry],
    });
  }
}
