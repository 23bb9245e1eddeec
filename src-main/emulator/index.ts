export { startEmulator, type EmulatorOptions, type RecordedRequest, type RunningEmulator } from './server'
export { EMULATOR_SCENARIOS } from './scenarios'
export { SANDBOX_APP_ID } from './sandbox'
