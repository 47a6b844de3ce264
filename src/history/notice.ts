import type { FrontMatter } from '../model/policy.generated.ts';
import { defaultNoticePeriod } from '../document/build.ts';

/** The notice period a policy gives for material changes (the default when it states none). */
export function noticePeriodOf(meta: FrontMatter): string {
  return meta.noticePeriod === undefined || meta.noticePeriod === 'unstated' ? defaultNoticePeriod : meta.noticePeriod;
}

/** The earliest effective date for a change released on `released`: calendar arithmetic, so P1M is a month. */
export function earliestEffective(released: string, period: string): string {
  return Temporal.PlainDate.from(released).add(Temporal.Duration.from(period)).toString();
}

/** The last day to notify users of a change taking effect on `effective`. */
export function noticeDeadline(effective: string, period: string): string {
  return Temporal.PlainDate.from(effective).subtract(Temporal.Duration.from(period)).toString();
}

/**
 * A date given on the command line: YYYY-MM-DD and a real day (2025-02-30 is refused).
 * Returns an error message, or undefined when the date is valid.
 */
export function invalidDate(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return `--date must be YYYY-MM-DD, not "${value}"`;
  try {
    Temporal.PlainDate.from(value, { overflow: 'reject' });
    return undefined;
  } catch {
    return `--date ${value} is not a real calendar date`;
  }
}
