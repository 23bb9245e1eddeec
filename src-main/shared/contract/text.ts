import { z } from 'zod'

/**
 * C0 and C1 control characters and DEL. A NUL cuts a value short where it is stored or shown (SQLite's
 * text functions, C strings, terminals); the others move the cursor, ring bells or hide what follows.
 */
const CONTROL = /\p{Cc}/u
/**
 * Characters that change how a name looks without being seen: bidirectional controls (U+202E turns
 * "evil.com" into "moc.live"), zero-width and other format characters, line and paragraph separators,
 * lone surrogates, and the Hangul fillers that render as blank space.
 */
const INVISIBLE = /[\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115F\u1160\u3164\uFFA0]/u

const NO_CONTROL = 'control characters (such as NUL, tab or line breaks) are not allowed'
const NO_INVISIBLE = 'invisible or text-direction characters are not allowed'

/** Text a user types (a note, an App ID): kept as the schema leaves it, but without control characters. */
export function withoutControl(schema: z.ZodString): z.ZodString {
  return schema.refine((value) => !CONTROL.test(value), NO_CONTROL)
}

/** A name as it is stored and shown: NFC, white space of any kind collapsed to one space, trimmed. */
export function normalizeName(value: string): string {
  return value.normalize('NFC').replace(/\s+/gu, ' ').trim()
}

/**
 * A name the user picks and others must tell apart (a profile): normalised, then refused if it still
 * holds a control or an invisible character.
 */
export function displayName(max: number, emptyMessage: string) {
  return withoutControl(z.string().overwrite(normalizeName).min(1, emptyMessage).max(max)).refine(
    (value) => !INVISIBLE.test(value),
    NO_INVISIBLE,
  )
}
