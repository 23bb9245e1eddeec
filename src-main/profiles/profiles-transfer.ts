import { z } from 'zod'
import { ConsoleError, lazySchema, ProfileFields } from '../shared/contract'
import { describeIssues, invalidInput } from '../settings/invalid-input'

const EXPORT_FORMAT = 'genauth-sms-console.profiles'
const EXPORT_VERSION = 1

/** A profiles export: fields only. Strict, so a file carrying anything else (a secret, an id) is refused. */
const ProfilesExport = lazySchema(() =>
  z.strictObject({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(EXPORT_VERSION),
    exportedAt: z.string().optional(),
    profiles: z.array(ProfileFields).max(1000),
  }),
)

export type ImportedFields = z.output<typeof ProfileFields>

export function formatProfilesExport(profiles: ImportedFields[], now: number): string {
  const document: z.input<typeof ProfilesExport> = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date(now).toISOString(),
    profiles,
  }
  return `${JSON.stringify(document, null, 2)}\n`
}

/** The profiles of an export, or an `invalid-input` error saying why the file is refused. */
export function parseProfilesExport(json: string): ImportedFields[] {
  let document: unknown
  try {
    document = JSON.parse(json)
  } catch {
    throw new ConsoleError('invalid-input', 'The file is not valid JSON, so it is not a profiles export.', {
      key: 'importNotJson',
    })
  }
  const parsed = ProfilesExport.safeParse(document)
  if (!parsed.success) {
    const detail = describeIssues(parsed.error)
    throw invalidInput(`The file is not a profiles export this app can read: ${detail}.`, parsed.error, {
      key: 'importNotExport',
      params: { detail },
    })
  }
  return parsed.data.profiles
}
