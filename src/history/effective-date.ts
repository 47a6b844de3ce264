// The effective-date rules, in one place: check, review and release all state the earliest
// allowed date from here, so they never contradict each other. Pure: the release day is data.
import semver from 'semver';
import { humanDuration } from '../model/duration.ts';
import { earliestEffective } from './notice.ts';

/** What the rules need to know of a released version. */
export interface ReleasedDate {
  version: string;
  effective: string;
  released: string;
}

/** A version about to be released. */
export interface EffectiveDateInput {
  version: string;
  effective: string;
  /** The day it would be released, and so the first day notices can go out (YYYY-MM-DD). */
  releaseDay: string;
  /** The versions already released, any order. */
  released: readonly ReleasedDate[];
  /** The notice period a material change needs (ISO 8601); undefined when nothing must be notified. */
  noticePeriod?: string | undefined;
  /** The editor's reason for taking effect before the release day (front matter `effectiveReason`). */
  reason?: string | undefined;
}

/** One lower bound on the effective date, with its reason in plain words. */
export interface DateBound {
  kind: 'order' | 'release-day' | 'notice';
  date: string;
  because: string;
}

/** The verdict on an effective date. */
export interface EffectiveDateVerdict {
  /** The earliest date the rules allow, and the rule that sets it. */
  earliest: DateBound;
  /** Bounds the date breaks; empty when it is allowed. */
  broken: DateBound[];
  /** The release-day bound was waived by the editor's reason. */
  backdated: boolean;
}

/**
 * The earliest effective date a version may have, and which bounds its date breaks:
 * - order: not before a lower released version takes effect (else it would bring that
 *   version's changes into force early, and the version in force would go backwards);
 * - release day: not before it is released (no backdating), unless a reason is given;
 * - notice: a material change leaves the notice period, counted from the release day, the
 *   first day notices can go out.
 */
export function effectiveDateRules(input: EffectiveDateInput): EffectiveDateVerdict {
  const bounds: DateBound[] = [];
  const lower = input.released.filter((entry) => semver.valid(entry.version) && semver.lt(entry.version, input.version));
  const latest = lower.reduce<ReleasedDate | undefined>((last, entry) => (last === undefined || entry.effective > last.effective ? entry : last), undefined);
  if (latest) bounds.push({ kind: 'order', date: latest.effective, because: `version ${latest.version} takes effect on ${latest.effective}, and a higher version cannot take effect before it` });
  const reason = input.reason?.trim();
  const backdated = Boolean(reason) && input.effective < input.releaseDay;
  if (!backdated) bounds.push({ kind: 'release-day', date: input.releaseDay, because: `a version cannot take effect before the day it is released (${input.releaseDay})` });
  if (input.noticePeriod !== undefined) {
    bounds.push({ kind: 'notice', date: earliestEffective(input.releaseDay, input.noticePeriod), because: `a material change must give users ${humanDuration(input.noticePeriod)} of notice from the day notices can go out (the release day, ${input.releaseDay})` });
  }
  // Backdated for a reason, with nothing else binding: its own date is the earliest.
  const waived: DateBound = { kind: 'release-day', date: input.effective, because: `it takes effect before its release day (${input.releaseDay}) for the reason given: "${reason}"` };
  const earliest = bounds.reduce<DateBound | undefined>((max, bound) => (max === undefined || bound.date > max.date ? bound : max), undefined) ?? waived;
  return { earliest, broken: bounds.filter((bound) => input.effective < bound.date), backdated };
}

/** The earliest allowed date as one sentence, the same in check, review and release. */
export function earliestSentence(verdict: EffectiveDateVerdict): string {
  return `the earliest allowed effective date is ${verdict.earliest.date}, because ${verdict.earliest.because}`;
}
