// Dates as prose writes them ("November 27, 2026", "27 November 2026", "2026-11-27"): read and
// written in one place, for the prose-date lint, the importer, the notices and the site.

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const monthWord = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?';
const dayNumber = '\\d{1,2}(?:st|nd|rd|th)?';

/** How a date was written: "November 27, 2026" (us), "27 November 2026" (uk) or "2026-11-27" (iso). */
export type DateStyle = 'us' | 'uk' | 'iso';

/**
 * A regular expression source (no capturing groups; match case-insensitively) for a written
 * date: "November 27, 2026", "Nov. 27th 2026", "27 November 2026" or "2026-11-27".
 */
export const writtenDate = `(?:${monthWord}\\s+${dayNumber},?\\s+\\d{4}|${dayNumber}\\s+${monthWord}\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2})`;

const us = new RegExp(`^(${monthWord})\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})$`, 'i');
const uk = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?\\s+(${monthWord})\\s+(\\d{4})$`, 'i');
const iso = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A written date (see {@link writtenDate}) as an ISO date and the style it was written in; undefined when it is no calendar date. */
export function readDate(text: string): { iso: string; format: DateStyle } | undefined {
  const trimmed = text.trim();
  const month = (name: string) => monthNames.findIndex((full) => full.toLowerCase().startsWith(name.toLowerCase().replace(/\.$/, '').slice(0, 3))) + 1;
  let found: { year: number; month: number; day: number; format: DateStyle } | undefined;
  let match: RegExpExecArray | null;
  if ((match = us.exec(trimmed))) found = { year: Number(match[3]), month: month(match[1]!), day: Number(match[2]), format: 'us' };
  else if ((match = uk.exec(trimmed))) found = { year: Number(match[3]), month: month(match[2]!), day: Number(match[1]), format: 'uk' };
  else if ((match = iso.exec(trimmed))) found = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]), format: 'iso' };
  if (!found) return undefined;
  const date = new Date(Date.UTC(found.year, found.month - 1, found.day));
  // February 30 is no date, and neither is month 13.
  if (date.getUTCMonth() !== found.month - 1 || date.getUTCDate() !== found.day) return undefined;
  return { iso: date.toISOString().slice(0, 10), format: found.format };
}

/** An ISO date written in a style: "November 27, 2026", "27 November 2026" or "2026-11-27". */
export function writeDate(isoDate: string, format: DateStyle): string {
  const [year, month, day] = isoDate.split('-');
  const name = monthNames[Number(month) - 1]!;
  if (format === 'us') return `${name} ${Number(day)}, ${year}`;
  if (format === 'uk') return `${Number(day)} ${name} ${year}`;
  return isoDate;
}

/** "4 June 2025", as emails and the site write dates. */
export function longDate(isoDate: string): string {
  return writeDate(isoDate, 'uk');
}
