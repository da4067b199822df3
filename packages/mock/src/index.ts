// @mdss-kit/mock: fixtures, scenarios and MSW handlers for MDSS GET /api/file/{id}. No Node or
// DOM imports here: `@mdss-kit/mock/node`, `/browser` and `/server` add those.
export {
  type BuildOptions,
  buildFileResult,
  type DeepPartial,
} from './build-file-result.ts';
export { DEMO_RESTART_MS, demoFiles, demoIds } from './demo.ts';
export type { EventsOptions, StreamEvent } from './events.ts';
export {
  createMdssHandlers,
  type MdssHandlers,
  type MdssHandlersOptions,
  type MockAuth,
  type MockClock,
  SCENARIO_HEADER,
} from './handlers.ts';
export { type InfectedOptions, type PresetName, presets } from './presets.ts';
export {
  parseRecording,
  RECORDING_FORMAT,
  type RecordedAnswer,
  type Recording,
  RecordingError,
  type ReplaySpeed,
} from './recording.ts';
export {
  type ErrorShape,
  type ErrorStatus,
  errorShapes,
  headerScenario,
  headerScenarios,
  nginxPage,
  type ProcessingOptions,
  type Reply,
  type Scenario,
  scenario,
} from './scenarios.ts';
