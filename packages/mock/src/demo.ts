// Well-known demo files, one per preset plus one that is processing: what the mock server knows
// by default, so `curl` and the proxy's demo mode have something to show.
import type { FileResult } from '@mdss-kit/contract';
import { presets } from './presets.ts';
import { type Scenario, scenario } from './scenarios.ts';

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
    // biome-ignore lint/suspicious/noThenProperty: `then` is the scenario's documented option, not a thenable
    [processing]: scenario.processing({ polls: 3, then: presets.infected() }),
    [inProgress]: presets.inProgress(),
    [infected]: presets.infected(),
  };
  for (const [name, id] of Object.entries(plain)) {
    files[id] =
      presets[name as Exclude<keyof typeof demoIds, 'processing' | 'inProgress' | 'infected'>]();
  }
  return files;
}
