/** Approximate length of an ISO 8601 duration in days, for comparing periods (P1Y vs P12M). */
export function durationDays(duration: string): number {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(duration);
  if (!match) return Number.NaN;
  const [, y, mo, w, d, h, mi, s] = match.map((part) => Number(part ?? 0));
  return y! * 365.25 + mo! * 30.44 + w! * 7 + d! + h! / 24 + mi! / 1440 + s! / 86400;
}
