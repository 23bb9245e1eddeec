import { ConsoleEvent, type EventName } from '../shared/contract'
import type { EventBus } from '../events'
import type { DataWarnings } from '../files/data-warnings'
import type { HistoryStore } from '../history'
import type { ProfileService } from '../profiles/profile-service'
import type { SettingsStore } from '../settings/settings-store'
import { fileStamp } from './file-stamp'
import { pollChanges } from './poll-changes'

export type DataFolderWatch = {
  events: EventBus
  history: Pick<HistoryStore, 'dataVersion'>
  profiles: Pick<ProfileService, 'list'>
  profilesFile: string
  settings: Pick<SettingsStore, 'get'>
  settingsFile: string
  warnings: Pick<DataWarnings, 'list'>
  warningsFile: string
  /** 250-500 ms keeps a change made elsewhere under a second away at a few syscalls a poll. */
  intervalMs?: number
  onError(error: unknown): void
}

/**
 * Announces changes other processes make to the shared data folder (the CLI beside the app, another
 * browser-mode host): the history through SQLite's `data_version`, which moves only on another
 * connection's commit, and the profiles, settings and warnings files through their stamps. A file is read only when
 * its stamp moved, and announced only when its content differs from what the windows last heard, so
 * this process's own writes (already announced by their owner) are not announced twice.
 */
export function watchDataFolder(watch: DataFolderWatch): () => void {
  const heard = new Map<EventName, string>()
  const stopListening = watch.events.subscribe((event) => heard.set(event.name, JSON.stringify(event)))
  const announceIfNew = (event: ConsoleEvent): void => {
    // Compared as the bus delivers it: parsed, so the key order is the schema's.
    if (heard.get(event.name) !== JSON.stringify(ConsoleEvent.parse(event))) watch.events.emit(event)
  }
  const stopPolling = pollChanges(
    [
      {
        stamp: () => watch.history.dataVersion(),
        changed: () => watch.events.emit({ name: 'history.changed', change: 'elsewhere', entryId: null }),
      },
      {
        stamp: () => fileStamp(watch.profilesFile),
        changed: () => announceIfNew({ name: 'profiles.changed', list: watch.profiles.list() }),
      },
      {
        stamp: () => fileStamp(watch.settingsFile),
        changed: () => announceIfNew({ name: 'settings.changed', settings: watch.settings.get() }),
      },
      {
        stamp: () => fileStamp(watch.warningsFile),
        changed: () => announceIfNew({ name: 'warnings.changed', warnings: watch.warnings.list() }),
      },
    ],
    { intervalMs: watch.intervalMs ?? 300, onError: watch.onError },
  )
  return () => {
    stopPolling()
    stopListening()
  }
}
