// ISO 8601 durations as policies use them (P30D, P6M, P1Y6M, PT12H, P2W), read with Temporal.

/** Upper-case designators and whole numbers only: Temporal alone would also take `p1d`, `-P1D` or `PT0.5H`. */
const plainDuration = /^P[\dYMWDTHS]+$/;

/** The duration a policy writes, or undefined when the text is not an ISO 8601 duration in the policy's form. */
function parseDuration(text: string): Temporal.Duration | undefined {
  if (!plainDuration.test(text)) return undefined;
  try {
    return Temporal.Duration.from(text);
  } catch {
    return undefined;
  }
}

/** Whether `text` is an ISO 8601 duration in the form policies write (the schema's `iso-duration`). */
export function isIsoDuration(text: string): boolean {
  return parseDuration(text) !== undefined;
}

/** Average lengths of the calendar units, in days: a month or a year has no fixed length. Periods in prose use them too. */
export const averageDays = { years: 365.25, months: 30.44, weeks: 7, days: 1, hours: 1 / 24, minutes: 1 / 1440, seconds: 1 / 86400 } as const;

/**
 * Approximate length of a duration in days, for comparing periods (P1Y with P12M, P2M with
 * P60D). Temporal compares calendar units only from a given date, and a policy's period has
 * none: average month and year lengths rank periods the same whatever day they start.
 */
export function durationDays(text: string): number {
  const duration = parseDuration(text);
  if (!duration) return Number.NaN;
  return Object.entries(averageDays).reduce((days, [unit, length]) => days + duration[unit as keyof typeof averageDays] * length, 0);
}

// Made on first use: creating it loads ICU's locale data, some 15 ms at the start of every
// command that imports this module, most of which never format a duration.
let longUnits: Intl.DurationFormat | undefined;

/** P30D as "30 days", P1Y6M as "1 year, 6 months", for readers; anything else as written. */
export function humanDuration(text: string): string {
  const duration = parseDuration(text);
  if (!duration) return text;
  longUnits ??= new Intl.DurationFormat('en', { style: 'long' });
  return longUnits.format(duration);
}
