// Which released version is in force on a date, and which comes next: the one answer the
// site, the rules runtime, review and notify all use. Pure and dependency-free, because it
// ships inside every compiled rules module.
/**
 * The version in force on `date` and the upcoming one. `versions` are in ascending version
 * order (the manifest's and the rules module's order). A version is in force from its
 * effective date until a higher version takes effect; among the versions already effective
 * the highest one wins, so a later patch whose date passed carries its predecessor's changes.
 * `date` is a YYYY-MM-DD calendar date: callers pass "today", this never reads the clock.
 */
export function versionInForce(versions, date) {
    let inForce = null;
    for (const version of versions)
        if (version.effective <= date)
            inForce = version;
    const after = inForce === null ? 0 : versions.indexOf(inForce) + 1;
    const pending = versions.slice(after).filter((version) => version.effective > date);
    // The upcoming version is the one that takes effect first, not the lowest number: with the
    // date rules they coincide, and for a history released before those rules the date decides.
    const upcoming = pending.reduce((first, version) => (first === null || version.effective < first.effective ? version : first), null);
    return { inForce, upcoming, pending };
}
/** A Date (or an ISO date or date-time string) as the calendar date it falls on in UTC, YYYY-MM-DD. */
export function utcDate(value) {
    if (typeof value === 'string') {
        if (/^\d{4}-\d{2}-\d{2}$/.test(value))
            return value;
        const parsed = /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : undefined;
        if (parsed && !Number.isNaN(parsed.getTime()))
            return parsed.toISOString().slice(0, 10);
    }
    else if (value instanceof Date && !Number.isNaN(value.getTime())) {
        return value.toISOString().slice(0, 10);
    }
    throw new TypeError(`Expected a date as YYYY-MM-DD, an ISO date-time or a valid Date, not ${JSON.stringify(String(value))}`);
}
