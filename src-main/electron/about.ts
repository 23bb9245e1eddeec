/** What the About dialog shows: enough to identify a build in a bug report and find its files. */
export interface AboutInfo {
  productName: string
  version: string
  /** `process.versions`: electron, chrome and node are shown when present. */
  versions: Partial<Record<string, string>>
  platform: string
  arch: string
  dataDir: string
  logsDir: string
}

const RUNTIMES: ReadonlyArray<readonly [key: string, label: string]> = [
  ['electron', 'Electron'],
  ['chrome', 'Chromium'],
  ['node', 'Node.js'],
  ['v8', 'V8'],
]

export function aboutTitle(info: Pick<AboutInfo, 'productName' | 'version'>): string {
  return `${info.productName} ${info.version}`
}

/** The About text: versions first, then where the app keeps its data and logs. */
export function aboutDetail(info: AboutInfo): string {
  const runtimes = RUNTIMES.flatMap(([key, label]) => {
    const version = info.versions[key]
    return version ? [`${label}: ${version}`] : []
  })
  return [
    `Version: ${info.version}`,
    ...runtimes,
    `Platform: ${info.platform} ${info.arch}`,
    '',
    `Data folder: ${info.dataDir}`,
    `Logs folder: ${info.logsDir}`,
  ].join('\n')
}
