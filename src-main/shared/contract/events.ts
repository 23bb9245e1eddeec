import { z } from 'zod'
import { lazySchema } from './lazy-schema'
import type { EventName } from './call-names'
import { DataWarning } from './app-info'
import { ProfileList } from './profiles'
import { Settings } from './settings'

/**
 * What happened to the history: a send was recorded or completed, entries were cleared or pruned by
 * retention, interrupted sends were marked unknown, or another process (the CLI, another host) wrote.
 */
export const HistoryChange = z.enum(['recorded', 'completed', 'cleared', 'pruned', 'recovered', 'elsewhere'])
export type HistoryChange = z.infer<typeof HistoryChange>

/**
 * Every event main pushes to the windows. Profiles, settings and warnings carry their new state, so a window
 * applies it without asking again; the history says what changed and, for a send, which entry.
 */
export const ConsoleEvent = lazySchema(() =>
  z.discriminatedUnion('name', [
    z.strictObject({
      name: z.literal('history.changed'),
      change: HistoryChange,
      entryId: z.number().int().positive().nullable(),
    }),
    z.strictObject({ name: z.literal('profiles.changed'), list: ProfileList }),
    z.strictObject({ name: z.literal('settings.changed'), settings: Settings }),
    // The team database in use, its password or its waiting uploads changed; its state is read with team.status,
    // since finding it out means reaching the database.
    z.strictObject({ name: z.literal('team.changed') }),
    // A file of the data folder was kept aside, or a warning dismissed (in any window or process).
    z.strictObject({ name: z.literal('warnings.changed'), warnings: z.array(DataWarning) }),
  ]),
)
export type ConsoleEvent = z.infer<typeof ConsoleEvent>
export type EventOf<N extends EventName> = Extract<ConsoleEvent, { name: N }>

// Every name in call-names.ts has a payload schema above, and nothing else does.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never
const namesMatch: Exact<ConsoleEvent['name'], EventName> = true
void namesMatch
