import type { AppInfo, Catalog, DataWarning } from '../shared/contract'
import type { Handlers } from '../dispatch/dispatcher'

/** What the app's own calls need: its description, its warnings and the shipped catalog. */
export interface AppDeps {
  appInfo(): AppInfo
  warnings: { dismiss(id: string): DataWarning[] }
  catalog(): Catalog
}

export function appHandlers(deps: AppDeps): Pick<Handlers, 'app.info' | 'app.dismissWarning' | 'catalog.get'> {
  return {
    'app.info': () => deps.appInfo(),
    'app.dismissWarning': ({ id }) => deps.warnings.dismiss(id),
    'catalog.get': () => deps.catalog(),
  }
}
