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
export declare function versionInForce<T extends DatedVersion>(versions: readonly T[], date: string): InForce<T>;
/**
 * A Date, or an ISO date or date-time string, as the calendar date it falls on in UTC,
 * YYYY-MM-DD. A date-time with an offset is converted to UTC; one without is read as UTC.
 * Anything else, an impossible date (2025-02-30) included, is a TypeError. The Python
 * runtime's `utc_date` answers the same (test/fixtures/in-force/cases.json).
 */
export declare function utcDate(value: string | Date): string;
