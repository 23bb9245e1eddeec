import { redactHeaders } from '../genauth/send-request'

/** A request as the emulator received it (header names lower-case, secrets redacted as in the history). */
export interface RecordedRequest {
  method: string
  path: string
  headers: Record<string, string>
  body: string
  receivedAt: number
  /** Which header the app id was read from (the first of the app id headers present), or null when none. */
  appIdHeader: string | null
}

/** What `GET /__emulator/requests` answers: the requests kept, oldest first, and how many were dropped. */
export interface RequestLogView {
  requests: RecordedRequest[]
  dropped: number
}

export interface RequestLogLimits {
  /** Requests kept at most; the oldest go first. */
  maxEntries: number
  /** Bytes kept at most, counted as the requests' JSON; a single request larger than this is not kept. */
  maxBytes: number
}

/** Enough for a long debugging session; small enough that a flood cannot grow the embedding process. */
export const DEFAULT_LOG_LIMITS: RequestLogLimits = { maxEntries: 1000, maxBytes: 4 * 1024 * 1024 }

/**
 * The emulator's memory of what it received, bounded in entries and bytes. Credentials are redacted
 * before a request is kept, with the same rule the history applies to the requests it stores.
 */
export class RequestLog {
  private readonly entries: Array<{ request: RecordedRequest; bytes: number }> = []
  private bytes = 0
  private droppedCount = 0

  constructor(private readonly limits: RequestLogLimits = DEFAULT_LOG_LIMITS) {}

  record(request: RecordedRequest): void {
    const kept = { ...request, headers: redactHeaders(request.headers) }
    // Each entry's JSON plus its comma (or the closing bracket); the opening bracket is the `+ 1` below.
    const bytes = Buffer.byteLength(JSON.stringify(kept)) + 1
    if (bytes + 1 > this.limits.maxBytes) {
      this.droppedCount++
      return
    }
    this.entries.push({ request: kept, bytes })
    this.bytes += bytes
    while (this.entries.length > this.limits.maxEntries || this.bytes + 1 > this.limits.maxBytes) {
      this.bytes -= this.entries.shift()!.bytes
      this.droppedCount++
    }
  }

  /** Copies, so a caller cannot change what the log holds. */
  view(): RequestLogView {
    return {
      requests: this.entries.map(({ request }) => ({ ...request, headers: { ...request.headers } })),
      dropped: this.droppedCount,
    }
  }

  clear(): void {
    this.entries.length = 0
    this.bytes = 0
    this.droppedCount = 0
  }
}
