import { join } from 'node:path'
import { z } from 'zod'
import { errorText, type ErrorText } from '../shared/contract/errors'
import { SendResult } from '../shared/contract/send'
import { lazySchema } from '../shared/contract/lazy-schema'
import { withFileLock } from '../files/file-lock'
import { readJsonFile, setAsideCorruptFile, writeJsonFileAtomic } from '../files/json-file'

export const UPLOAD_QUEUE_FILE = 'team-uploads.json'

/**
 * A send whose "sending" entry the team database holds, but whose answer it could not take. The
 * answer is also in the local history (`localId`), so it is kept whatever becomes of this file.
 */
export const WaitingUpload = lazySchema(() =>
  z.object({
    /** The team database it belongs to, as `describeConnection` shows it. */
    connection: z.string(),
    teamId: z.number().int(),
    localId: z.number().int(),
    result: SendResult,
  }),
)
export type WaitingUpload = z.infer<typeof WaitingUpload>

const QueueFile = lazySchema(() => z.object({ uploads: z.array(WaitingUpload) }))

/**
 * The answers waiting for the team database, in the data folder beside the local history; changed
 * under the folder's file lock, since the app and the CLI may both send and upload.
 */
export class UploadQueue {
  private readonly path: string

  constructor(
    dataDir: string,
    private readonly clock: () => number,
    private readonly onSetAside: (text: ErrorText, keptAs: string) => void,
  ) {
    this.path = join(dataDir, UPLOAD_QUEUE_FILE)
  }

  list(): WaitingUpload[] {
    return this.read()
  }

  add(upload: WaitingUpload): void {
    this.change((uploads) => [...uploads, upload])
  }

  /** Forgets an upload that reached the team database. */
  remove(done: Pick<WaitingUpload, 'connection' | 'teamId'>): void {
    this.change((uploads) =>
      uploads.filter((upload) => upload.connection !== done.connection || upload.teamId !== done.teamId),
    )
  }

  private change(edit: (uploads: WaitingUpload[]) => WaitingUpload[]): void {
    withFileLock(this.path, () => writeJsonFileAtomic(this.path, { uploads: edit(this.read()) }))
  }

  /** A file that cannot be read is kept aside, not dropped: its answers are in the local history anyway. */
  private read(): WaitingUpload[] {
    const read = readJsonFile(this.path)
    if (read.kind === 'missing') return []
    const parsed = read.kind === 'parsed' ? QueueFile.safeParse(read.data) : null
    if (parsed?.success) return parsed.data.uploads
    const keptAs = setAsideCorruptFile(this.path, this.clock())
    this.onSetAside(
      errorText(
        'teamUploadsKeptAside',
        `The list of results waiting for the team database could not be read; it was kept as ${keptAs}. Those results are in this computer's history ("team import" uploads them).`,
        { keptAs },
      ),
      keptAs,
    )
    return []
  }
}
