/** ISO 8601 durations as policies use them: P30D, P6M, P1Y6M, PT12H, P2W. */
export const isoDuration = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Approximate length of an ISO 8601 duration in days, for comparing periods (P1Y vs P12M). */
export function durationDays(duration: string): number {
  const match = isoDuration.exec(duration);
  if (!match) return Number.NaN;
  const [, y, mo, w, d, h, mi, s] = match.map((part) => Number(part ?? 0));
  return y! * 365.25 + mo! * 30.44 + w! * 7 + d! + h! / 24 + mi! / 1440 + s! / 86400;
}

/** P30D as "30 days", P1M as "1 month", for editors. */
export function humanDuration(duration: string): string {
  const units: [string, string][] = [['Y', 'year'], ['M', 'month'], ['W', 'week'], ['D', 'day']];
  const date = duration.split('T')[0]!;
  const parts = units.flatMap(([letter, word]) => {
    const match = new RegExp(`(\\d+)${letter}`).exec(date.slice(1));
    return match ? [`${match[1]} ${word}${match[1] === '1' ? '' : 's'}`] : [];
  });
  return parts.length > 0 ? parts.join(' ') : duration;
}
