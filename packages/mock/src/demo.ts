// Well-known demo files, one per preset plus one that is processing: what the mock server knows
// by default, so `curl` and the proxy's demo mode have something to show.
import type { FileResult } from '@mdss-kit/contract';
import { presets } from './presets.ts';
import { type Scenario, scenario } from './scenarios.ts';

/** How long after its scan ended the processing demo file starts it over. */
export const DEMO_RESTART_MS = 5_000;

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
} as const;

export function demoFiles(): Record<string, FileResult | Scenario> {
  const { processing, inProgress, infected, ...plain } = demoIds;
  const files: Record<string, FileResult | Scenario> = {
    // Starts over a few seconds after it ended, so that each demo shows a scan whenever it is
    // run, and says so in `max-age`: the proxy in front would otherwise keep the finished result
    // for CACHE_TTL_SECONDS.
    [processing]: scenario.processing({
      polls: 3,
      // biome-ignore lint/suspicious/noThenProperty: `then` is the scenario's documented option, not a thenable
      then: presets.infected(),
      restartAfterMs: DEMO_RESTART_MS,
    }),
    [inProgress]: presets.inProgress(),
    [infected]: presets.infected(),
  };
  for (const [name, id] of Object.entries(plain)) {
    files[id] =
      presets[name as Exclude<keyof typeof demoIds, 'processing' | 'inProgress' | 'infected'>]();
  }
  return files;
}
