import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { z } from 'zod'
import {
  ConsoleError,
  errorText,
  ProfileFields,
  SecretKind,
  type ProfileList,
  type ProfileView,
} from '../shared/contract'
import type { SecretStore } from '../credentials/secret-store'
import { DataWarnings } from '../files/data-warnings'
import { withFileLock } from '../files/file-lock'
import { invalidInput } from '../settings/invalid-input'
import { checkAppHost } from './check-profile-host'
import { KeyedQueue } from './keyed-queue'
import { EMBEDDED_EMULATOR_HOST, LOCAL_SANDBOX_ID } from './local-sandbox'
import { freeName, nameKey, suffixedName } from './profile-names'
import { parseProfileSecrets, profileAccount, serializeProfileSecrets, type ProfileSecrets } from './profile-secrets'
import {
  PROFILES_FILE,
  readProfilesFile,
  recoverProfilesFile,
  writeProfilesFile,
  type ProfilesData,
  type StoredProfile,
} from './profiles-file'
import { formatProfilesExport, parseProfilesExport } from './profiles-transfer'

type Fields = z.output<typeof ProfileFields>

export type ProfileServiceOptions = {
  dataDir: string
  secrets: SecretStore
  clock: () => number
  /** Where a damaged profiles.json is reported. */
  warnings?: DataWarnings
  /** Told the new list after every change this service writes. */
  onChange?: (list: ProfileList) => void
}

export type ProfileCredentials = { appSecret: string | null; accessToken: string | null }

const MAX_SECRET_LENGTH = 8192

/**
 * Connection profiles. Their fields live in profiles.json in the data folder (read on every call, so
 * the app and the CLI can share the folder); their app secret and access token live in the OS keychain,
 * one account per profile, read only when a send or a change needs them. Nothing returned here carries
 * a secret, except `credentialsFor`, which is for the main process only.
 */
export class ProfileService {
  private readonly path: string
  private readonly secrets: SecretStore
  private readonly clock: () => number
  private readonly warnings: DataWarnings
  private readonly onChange: (list: ProfileList) => void
  private readonly queue = new KeyedQueue()

  constructor(options: ProfileServiceOptions) {
    this.path = join(options.dataDir, PROFILES_FILE)
    this.secrets = options.secrets
    this.clock = options.clock
    this.warnings = options.warnings ?? new DataWarnings(options.dataDir)
    this.onChange = options.onChange ?? (() => undefined)
  }

  list(): ProfileList {
    return listOf(this.read())
  }

  get(id: string): ProfileView {
    return toView(findIn(this.read(), id))
  }

  create(input: z.input<typeof ProfileFields>): ProfileView {
    const fields = parseFields(input)
    fields.appHost = checkAppHost(fields.appHost)
    // Refused without taking the lock; checked again under it, where another process may have just taken the name.
    assertNameFree(this.read(), fields.name)
    return this.change((data) => {
      assertNameFree(data, fields.name)
      const profile: StoredProfile = { ...fields, id: randomUUID(), hasAppSecret: false, hasAccessToken: false }
      data.profiles.push(profile)
      return toView(profile)
    })
  }

  /** Replaces the fields of a profile; its stored secrets stay. */
  update(id: string, input: z.input<typeof ProfileFields>): ProfileView {
    const fields = parseFields(input)
    if (id === LOCAL_SANDBOX_ID) {
      if (fields.appHost !== EMBEDDED_EMULATOR_HOST || fields.environment !== 'sandbox') {
        throw new ConsoleError(
          'conflict',
          'The Local sandbox always sends to the embedded emulator: its host and environment cannot be changed.',
          { key: 'sandboxFixed' },
        )
      }
    } else {
      fields.appHost = checkAppHost(fields.appHost)
    }
    const current = this.read()
    findIn(current, id)
    assertNameFree(current, fields.name, id)
    return this.change((data) => {
      const profile = findIn(data, id)
      assertNameFree(data, fields.name, id)
      Object.assign(profile, fields)
      return toView(profile)
    })
  }

  /** A copy named "<name> (copy)", with copies of the stored secrets. */
  async duplicate(id: string): Promise<ProfileView> {
    return this.queue.run(id, async () => {
      const source = findIn(this.read(), id)
      if (id === LOCAL_SANDBOX_ID) {
        throw new ConsoleError('conflict', 'The Local sandbox cannot be duplicated: create a new profile instead.', {
          key: 'sandboxNoDuplicate',
        })
      }
      const copyId = randomUUID()
      const secrets = await this.readSecrets(source)
      const value = serializeProfileSecrets(secrets)
      if (value !== null) await this.secrets.set(profileAccount(copyId), value)

      return this.change((data) => {
        const copy: StoredProfile = {
          ...fieldsOf(source),
          name: suffixedName(source.name, takenNames(data), 'copy'),
          id: copyId,
          ...flagsOf(secrets),
        }
        data.profiles.push(copy)
        return toView(copy)
      })
    })
  }

  /** Removes a profile and its keychain entry; the Local sandbox becomes active if it was. */
  async delete(id: string): Promise<ProfileList> {
    return this.queue.run(id, async () => {
      const profile = findIn(this.read(), id)
      if (id === LOCAL_SANDBOX_ID) {
        throw new ConsoleError('conflict', 'The Local sandbox is built in and cannot be deleted.', {
          key: 'sandboxNoDelete',
        })
      }
      // The keychain goes first: if it is unavailable the profile stays, rather than orphaning its secrets.
      if (profile.hasAppSecret || profile.hasAccessToken) await this.secrets.delete(profileAccount(id))
      return this.change((data) => {
        data.profiles = data.profiles.filter((candidate) => candidate.id !== id)
        if (data.activeId === id) data.activeId = LOCAL_SANDBOX_ID
        return listOf(data)
      })
    })
  }

  setActive(id: string): ProfileList {
    findIn(this.read(), id)
    return this.change((data) => {
      findIn(data, id)
      data.activeId = id
      return listOf(data)
    })
  }

  /** Stores (or, with null, removes) one secret of a profile in the keychain. */
  async setSecret(id: string, kind: SecretKind, value: string | null): Promise<ProfileView> {
    const parsedKind = SecretKind.safeParse(kind)
    if (!parsedKind.success) {
      throw invalidInput('Unknown kind of secret.', parsedKind.error, { key: 'secretKindUnknown' })
    }
    if (value !== null && (value.length === 0 || value.length > MAX_SECRET_LENGTH)) {
      throw new ConsoleError('invalid-input', `A secret must be 1 to ${MAX_SECRET_LENGTH} characters long.`, {
        key: 'secretLength',
        params: { max: MAX_SECRET_LENGTH },
      })
    }
    return this.queue.run(id, async () => {
      const profile = findIn(this.read(), id)
      const secrets = await this.readSecrets(profile)
      if (value === null) delete secrets[parsedKind.data]
      else secrets[parsedKind.data] = value
      const serialized = serializeProfileSecrets(secrets)
      if (serialized !== null) await this.secrets.set(profileAccount(id), serialized)
      else if (profile.hasAppSecret || profile.hasAccessToken) await this.secrets.delete(profileAccount(id))
      return toView(this.saveFlags(id, secrets))
    })
  }

  /** The secrets a send needs. Main process only: the result must never reach the renderer. */
  async credentialsFor(id: string): Promise<ProfileCredentials> {
    return this.queue.run(id, async () => {
      const profile = findIn(this.read(), id)
      const secrets = await this.readSecrets(profile)
      const flags = flagsOf(secrets)
      if (flags.hasAppSecret !== profile.hasAppSecret || flags.hasAccessToken !== profile.hasAccessToken) {
        this.saveFlags(id, secrets)
      }
      return { appSecret: secrets.appSecret ?? null, accessToken: secrets.accessToken ?? null }
    })
  }

  /**
   * Reads every profile's keychain entry and corrects the stored flags, for instance after the secrets
   * were moved to another keychain backend or removed with another tool.
   */
  async refreshSecretFlags(): Promise<ProfileList> {
    for (const { id } of this.read().profiles) {
      await this.queue.run(id, async () => {
        const value = await this.secrets.get(profileAccount(id))
        this.saveFlags(id, parseProfileSecrets(value))
      })
    }
    return this.list()
  }

  /** Every profile but the built-in, fields only: no id, no secret. */
  exportJson(): string {
    const profiles = this.read()
      .profiles.filter((profile) => profile.id !== LOCAL_SANDBOX_ID)
      .map(fieldsOf)
    return formatProfilesExport(profiles, this.clock())
  }

  /**
   * Adds the profiles of an export under new ids, renaming those whose name is taken. The whole file is
   * checked first: a file with any problem changes nothing. Returns how many profiles were added.
   */
  importJson(json: string): number {
    const imported = parseProfilesExport(json)
    imported.forEach((fields, index) => {
      try {
        fields.appHost = checkAppHost(fields.appHost)
      } catch (error) {
        if (!(error instanceof ConsoleError)) throw error
        throw new ConsoleError('invalid-input', `Profile ${index + 1} ("${fields.name}"): ${error.message}`, {
          key: 'importProfileInvalid',
          params: { number: index + 1, name: fields.name },
          hint: error.text,
        })
      }
    })
    if (imported.length === 0) return 0
    return this.change((data) => {
      const taken = takenNames(data)
      for (const fields of imported) {
        const name = freeName(fields.name, taken, 'imported')
        taken.add(nameKey(name))
        data.profiles.push({ ...fields, name, id: randomUUID(), hasAppSecret: false, hasAccessToken: false })
      }
      return imported.length
    })
  }

  /** Reads the keychain only when the flags say there is something to read. */
  private async readSecrets(profile: StoredProfile): Promise<ProfileSecrets> {
    if (!profile.hasAppSecret && !profile.hasAccessToken) return {}
    return parseProfileSecrets(await this.secrets.get(profileAccount(profile.id)))
  }

  private saveFlags(id: string, secrets: ProfileSecrets): StoredProfile {
    return this.change((data) => Object.assign(findIn(data, id), flagsOf(secrets)))
  }

  private read(): ProfilesData {
    const read = readProfilesFile(this.path)
    // Another process may be repairing the same file: the repair is done once, under the lock.
    return read.problem === undefined ? read.data : withFileLock(this.path, () => this.readRepairing())
  }

  /**
   * Reads, changes and writes profiles.json under the lock every process sharing the data folder takes,
   * so a change made elsewhere between the read and the write is never overwritten. Nothing is written
   * when `work` throws.
   */
  private change<T>(work: (data: ProfilesData) => T): T {
    const { result, written } = withFileLock(this.path, () => {
      const data = this.readRepairing()
      const result = work(data)
      writeProfilesFile(this.path, data)
      return { result, written: data }
    })
    this.onChange(listOf(written))
    return result
  }

  /** Under the lock: a damaged file is kept aside, the readable profiles written back, a warning recorded. */
  private readRepairing(): ProfilesData {
    const { data, problem } = readProfilesFile(this.path)
    if (problem !== undefined) {
      const aside = recoverProfilesFile(this.path, data, this.clock())
      this.warnings.record(
        errorText(
          'profilesKeptAside',
          `The profiles file could not be fully read (${problem}). It was kept as ${aside}; the profiles that could be read were kept.`,
          { problem, keptAs: aside },
        ),
        aside,
      )
    }
    return data
  }
}

function parseFields(input: z.input<typeof ProfileFields>): Fields {
  const parsed = ProfileFields.safeParse(input)
  if (!parsed.success) throw invalidInput('Check the profile fields.', parsed.error, { key: 'profileFieldsInvalid' })
  return parsed.data
}

function findIn(data: ProfilesData, id: string): StoredProfile {
  const profile = data.profiles.find((candidate) => candidate.id === id)
  if (!profile) {
    throw new ConsoleError('not-found', 'That profile does not exist (it may have been deleted).', {
      key: 'profileNotFound',
    })
  }
  return profile
}

function takenNames(data: ProfilesData): Set<string> {
  return new Set(data.profiles.map((profile) => nameKey(profile.name)))
}

function assertNameFree(data: ProfilesData, name: string, exceptId?: string): void {
  const clash = data.profiles.find((profile) => profile.id !== exceptId && nameKey(profile.name) === nameKey(name))
  if (clash) {
    throw new ConsoleError('conflict', `A profile named "${clash.name}" already exists.`, {
      key: 'profileNameTaken',
      params: { name: clash.name },
    })
  }
}

function fieldsOf(profile: StoredProfile): Fields {
  const { name, environment, appHost, appId, language, timeoutMs, headerFamily } = profile
  return { name, environment, appHost, appId, language, timeoutMs, headerFamily }
}

function flagsOf(secrets: ProfileSecrets): Pick<StoredProfile, 'hasAppSecret' | 'hasAccessToken'> {
  return { hasAppSecret: secrets.appSecret !== undefined, hasAccessToken: secrets.accessToken !== undefined }
}

function toView(profile: StoredProfile): ProfileView {
  return {
    ...fieldsOf(profile),
    id: profile.id,
    builtIn: profile.id === LOCAL_SANDBOX_ID,
    hasAppSecret: profile.hasAppSecret,
    hasAccessToken: profile.hasAccessToken,
  }
}

function listOf(data: ProfilesData): ProfileList {
  return { profiles: data.profiles.map(toView), activeId: data.activeId }
}
