import { durationDays, humanDuration } from '../model/duration.ts';
import { escapeHtml } from '../notify/text.ts';

/** One released version on the timeline. */
export interface TimelineVersion {
  version: string;
  effective: string;
  /** Whether it changed how data is handled (a material change) compared with the one before. */
  material: boolean;
  first: boolean;
  current: boolean;
}

/**
 * The versions of a policy on a line, oldest on the left, placed by effective date; a
 * material change is a filled diamond, a wording-only change an open circle. An SVG with a
 * title; the versions table beside it gives the same facts in words.
 */
export function timelineSvg(versions: readonly TimelineVersion[]): string {
  const sorted = [...versions].sort((a, b) => a.effective.localeCompare(b.effective));
  const width = 760;
  const left = 40;
  const right = width - 40;
  const days = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
  const start = days(sorted[0]!.effective);
  const span = Math.max(1, days(sorted.at(-1)!.effective) - start);
  const x = (date: string) => (sorted.length === 1 ? (left + right) / 2 : left + ((days(date) - start) / span) * (right - left));
  const marks = sorted.map((version, index) => {
    const cx = x(version.effective).toFixed(1);
    const shape = version.material || version.first
      ? `<path class="material" d="M${cx} 30l9 9-9 9-9-9z"/>`
      : `<circle class="wording" cx="${cx}" cy="39" r="7"/>`;
    const row = index % 2 === 0 ? 70 : 90;
    const anchor = index === 0 ? 'start' : index === sorted.length - 1 ? 'end' : 'middle';
    const kind = version.first ? 'first version' : version.material ? 'material change' : 'wording only';
    return `${shape}<text x="${cx}" y="${row}" text-anchor="${anchor}"${version.current ? ' class="current"' : ''}>${escapeHtml(version.version)} · ${version.effective} · ${kind}${version.current ? ' (in force)' : ''}</text>`;
  });
  return [
    `<svg class="timeline" viewBox="0 0 ${width} 100" role="img" aria-labelledby="timeline-title" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="timeline-title">Timeline of versions by effective date: ${sorted.map((version) => `${escapeHtml(version.version)} on ${version.effective}${version.material ? ', a material change' : ''}`).join('; ')}</title>`,
    `<path class="axis" d="M${left - 20} 39H${right + 20}"/>`,
    ...marks,
    '</svg>',
  ].join('');
}

/** One retention rule as the chart shows it: a label and, when the policy states one, a period. */
export interface RetentionBar {
  label: string;
  /** An ISO 8601 duration; undefined when the rule gives no period. */
  period?: string | undefined;
  /** What the period counts from, in words ("after collection", "after account deletion"). */
  from: string;
}

/**
 * A bar chart of how long each kind of information is kept, where a period is stated; bars
 * share one scale. Rules with no stated period are listed at the end as such, without a bar.
 */
export function retentionSvg(bars: readonly RetentionBar[]): string | undefined {
  const stated = bars.filter((bar) => bar.period !== undefined);
  if (stated.length === 0) return undefined;
  const longest = Math.max(...stated.map((bar) => durationDays(bar.period!)));
  const width = 760;
  const labelWidth = 260;
  const row = 30;
  const rows = bars.map((bar, index) => {
    const y = index * row + 8;
    const label = `<text x="0" y="${y + 15}">${escapeHtml(bar.label.length > 40 ? `${bar.label.slice(0, 39)}…` : bar.label)}</text>`;
    if (bar.period === undefined) return `${label}<text class="none" x="${labelWidth}" y="${y + 15}">no period stated</text>`;
    const length = Math.max(4, (durationDays(bar.period) / longest) * (width - labelWidth - 190));
    return `${label}<rect x="${labelWidth}" y="${y + 2}" width="${length.toFixed(1)}" height="18" rx="3"/><text x="${(labelWidth + length + 8).toFixed(1)}" y="${y + 15}">${escapeHtml(humanDuration(bar.period))} ${escapeHtml(bar.from)}</text>`;
  });
  const title = bars.map((bar) => `${bar.label}: ${bar.period ? `${humanDuration(bar.period)} ${bar.from}` : 'no period stated'}`).join('; ');
  return [
    `<svg class="retention" viewBox="0 0 ${width} ${bars.length * row + 10}" role="img" aria-labelledby="retention-title" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="retention-title">How long each kind of information is kept: ${escapeHtml(title)}</title>`,
    ...rows,
    '</svg>',
  ].join('');
}
