// Well-known demo files, one per preset plus two that are processing (one by polls, one by
// the clock): what the mock server knows by default, so `curl` and the proxy's demo mode have
// something to show.
import type { FileResult } from '@mdss-kit/contract';
import { presets } from './presets.ts';
import { type ProcessingOptions, type Scenario, scenario } from './scenarios.ts';

/** How long after its scan ended a processing demo file starts it over. */
export const DEMO_RESTART_MS = 5_000;

/**
 * How long the timed demo file's scan takes, by the clock: it ends half-way between two polls of
 * a watcher that polls once a second (the proxy's, in a scan's first 30 s), so what brings its
 * verdict at once is the File Scanned notification, not the next poll.
 */
const DEMO_SCAN_MS = 4_500;

export const demoIds = {
  clean: 'de0000000000000000000001',
  infected: 'de0000000000000000000002',
  suspicious: 'de0000000000000000000003',
  inProgress: 'de0000000000000000000004',
  failed: 'de0000000000000000000005',
  archive: 'de0000000000000000000006',
  sanitized: 'de0000000000000000000007',
  dlp: 'de0000000000000000000008',
  vulnerable: 'de0000000000000000000009',
  blockedFileType: 'de000000000000000000000a',
  notScanned: 'de000000000000000000000b',
  processing: 'de000000000000000000000c',
  timed: 'de000000000000000000000d',
} as const;

/**
 * A scan that ends infected and starts over a few seconds after it ended, so that each demo shows
 * a scan whenever it is run, and says so in `max-age`: the proxy in front would otherwise keep the
 * finished result for CACHE_TTL_SECONDS.
 */
const demoScan = (lasts: Pick<ProcessingOptions, 'polls' | 'durationMs'>) =>
  // biome-ignore lint/suspicious/noThenProperty: `then` is the scenario's documented option, not a thenable
  scenario.processing({ ...lasts, then: presets.infected(), restartAfterMs: DEMO_RESTART_MS });

export function demoFiles(): Record<string, FileResult | Scenario> {
  const { processing, timed, inProgress, infected, ...plain } = demoIds;
  const files: Record<string, FileResult | Scenario> = {
    [processing]: demoScan({ polls: 3 }),
    // Ends on its own clock, polled or not, as MDSS's scan does (and is notified then).
    [timed]: demoScan({ durationMs: DEMO_SCAN_MS }),
    [inProgress]: presets.inProgress(),
    [infected]: presets.infected(),
  };
  for (const [name, id] of Object.entries(plain)) {
    files[id] =
      presets[
        name as Exclude<keyof typeof demoIds, 'processing' | 'timed' | 'inProgress' | 'infected'>
      ]();
  }
  return files;
}
