// Main imports the single files, so a command that checks no number does not load libphonenumber.
export * from './check-phone'
export * from './country-code'
export * from './international'
export * from './mask'
export type { CountryCode } from './libphonenumber'
