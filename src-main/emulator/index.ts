export {
  startEmulator,
  TOKEN_HEADER as EMULATOR_TOKEN_HEADER,
  type EmulatorOptions,
  type RecordedRequest,
  type RequestLogView,
  type RunningEmulator,
} from './server'
export { EMULATOR_SCENARIOS } from './scenarios'
export { SANDBOX_APP_ID } from './sandbox'
