// @mdss-kit/client: a typed client for MDSS GET /api/file/{id} that polls a scan to its end or
// follows the proxy's event stream.
export type { TokenSource } from './auth.ts';
export type { Clock } from './clock.ts';
export {
  createMdssClient,
  type MdssClient,
  type MdssClientOptions,
  type RequestOptions,
  type RetryOptions,
} from './create-client.ts';
export type { WaitForFilesOptions, WatchFilesOptions } from './files-settings.ts';
export type { FileUpdate } from './listed-files.ts';
export { isMdssError, MdssError, type MdssErrorCode } from './mdss-error.ts';
export {
  type OpenTelemetryApi,
  openTelemetryContext,
  type TraceContext,
  type TraceContextSource,
} from './trace-context.ts';
export type { Transport, WaitForFileOptions, WaitProgress } from './wait-for-file.ts';
export type { WatchFileOptions } from './watch-file.ts';
