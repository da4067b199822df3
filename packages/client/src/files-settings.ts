// What a many-file wait needs of its client: the single-file wait's settings (clock, retries, the
// per-file GET for a server without the many-file routes), the openapi-fetch client the
// many-file requests go through, and what the client learnt of the server's routes. Types only:
// the many-file code itself loads with the first many-file wait.
import type { ProxyPaths } from '@mdss-kit/contract';
import type { Client } from 'openapi-fetch';
import type { Offered } from './event-route.ts';
import type { AttemptSettings } from './request-file.ts';
import type { WaitForFileOptions, WaitSettings } from './wait-for-file.ts';

export interface FilesSettings extends WaitSettings {
  proxy: Client<ProxyPaths>;
  attempt: AttemptSettings;
  /**
   * Per client: a server without a route is asked once, not on every wait. Made by the first
   * many-file wait (follow-files.ts), so the client carries none of it up front.
   */
  routes?: { events: Offered; summary: Offered };
}

/** watchFiles' options: waitForFile's, but progress comes as the loop's values. */
export type WatchFilesOptions = Omit<WaitForFileOptions, 'onProgress'>;

import type { FileUpdate } from './listed-files.ts';

export interface WaitForFilesOptions extends WatchFilesOptions {
  /** Each file's new summary, and each file's end with an error, as they come. */
  onUpdate?: (update: FileUpdate) => void;
}
