// Which released version is in force on a date, and which comes next: the one answer the
// site, the rules runtime, review and notify all use. Pure and dependency-free, because it
// ships inside every compiled rules module.

/** What the selection needs to know of a released version. */
export interface DatedVersion {
  version: string;
  /** Effective date, YYYY-MM-DD. */
  effective: string;
}

/** The versions around a date. */
export interface InForce<T extends DatedVersion> {
  /** The version in force on the date; null before the first one takes effect. */
  inForce: T | null;
  /** The next version to take effect after the date; null when none is released. */
  upcoming: T | null;
  /** Every released version not yet in force on the date, in release order. */
  pending: T[];
}

/**
 * The version in force on `date` and the upcoming one. `versions` are in ascending version
 * order (the manifest's and the rules module's order). A version is in force from its
 * effective date until a higher version takes effect; among the versions already effective
 * the highest one wins, so a later patch whose date passed carries its predecessor's changes.
 * `date` is a YYYY-MM-DD calendar date: callers pass "today", this never reads the clock.
 */
export function versionInForce<T extends DatedVersion>(versions: readonly T[], date: string): InForce<T> {
  let inForce: T | null = null;
  for (const version of versions) if (version.effective <= date) inForce = version;
  const after = inForce === null ? 0 : versions.indexOf(inForce) + 1;
  const pending = versions.slice(after).filter((version) => version.effective > date);
  // The upcoming version is the one that takes effect first, not the lowest number: with the
  // date rules they coincide, and for a history released before those rules the date decides.
  const upcoming = pending.reduce<T | null>((first, version) => (first === null || version.effective < first.effective ? version : first), null);
  return { inForce, upcoming, pending };
}

/** YYYY-MM-DD, or an ISO 8601 date-time: hours and minutes, optional seconds and fraction, optional Z or offset. */
const isoDate = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * A Date, or an ISO date or date-time string, as the calendar date it falls on in UTC,
 * YYYY-MM-DD. A date-time with an offset is converted to UTC; one without is read as UTC.
 * Anything else, an impossible date (2025-02-30) included, is a TypeError. The Python
 * runtime's `utc_date` answers the same (test/fixtures/in-force/cases.json).
 */
export function utcDate(value: string | Date): string {
  if (typeof value === 'string') {
    const match = isoDate.exec(value);
    if (match && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
      if (match[4] === undefined) return value;
      const parsed = new Date(match[7] === undefined ? `${value}Z` : value);
      if (Number(match[4]) < 24 && Number(match[5]) < 60 && Number(match[6] ?? 0) < 60 && !Number.isNaN(parsed.getTime())) return parsed.toISOString().slice(0, 10);
    }
  } else if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return value.toISOString().slice(0, 10);
  }
  throw new TypeError(`Expected a date as YYYY-MM-DD, an ISO date-time or a valid Date, not ${JSON.stringify(String(value))}`);
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // not Date.UTC, which reads years 0-99 as 1900-1999
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
