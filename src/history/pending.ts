import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { Position } from 'unist';
import { bumpCovers, classifyChanges, declaredBump, nextVersion, requiredBump, type DeclaredBump, type RequiredBump } from '../classify/index.ts';
import { humanDuration } from '../model/duration.ts';
import { beforeEffectiveDate } from '../classify/words.ts';
import { noticePeriodOf } from './notice.ts';
import { earliestSentence, effectiveDateRules, type EffectiveDateVerdict } from './effective-date.ts';
import { offerFix, report } from '../diagnostics/report.ts';
import type { VersionEntry } from '../model/manifest.generated.ts';
import type { ClassifiedChange } from '../model/change.generated.ts';
import type { PolicyDocument } from '../model/policy.generated.ts';
import { isReleasedText } from './line-endings.ts';
import type { ReleasedVersion } from './verify.ts';

/** What the draft changes compared with the latest released version. */
export interface PendingChange {
  latest: ReleasedVersion;
  changes: ClassifiedChange[];
  proseChanged: boolean;
  /** The bump the changes require; `none` when the draft is the released text itself. */
  required: RequiredBump;
  /** The bump the draft's version number declares. */
  declared: DeclaredBump;
  /** Locales whose translation differs from the one released with `latest` (edited, added or removed). */
  translations: string[];
}

/**
 * Compare a draft with a released version: the classified declaration changes, whether the
 * prose moved, and which translations changed. Translations are released text: a translation
 * edited since the release needs a release even when policy.md did not change (a patch for
 * wording; its prose is checked like the source's by the drift rule).
 */
export function compareWithRelease(draft: PolicyDocument, draftText: string, latest: ReleasedVersion, translationTexts: ReadonlyMap<string, string> = new Map()): PendingChange {
  // A draft that is the release with its line endings converted by a checkout is the release.
  const identical = isReleasedText(draftText, latest.entry.sha256);
  const changes = identical ? [] : classifyChanges(latest.document, draft);
  const proseChanged = !identical && proseOf(draft) !== proseOf(latest.document);
  const translations = changedTranslations(latest, translationTexts);
  const required = requiredBump(changes, !identical || translations.length > 0);
  return { latest, changes, proseChanged, required, declared: declaredBump(latest.entry.version, draft.meta.version), translations };
}

/**
 * The locales whose current translation text (by locale) is not the one released with
 * `latest`; a checkout's converted line endings are no change, as for policy.md.
 */
function changedTranslations(latest: ReleasedVersion, translationTexts: ReadonlyMap<string, string>): string[] {
  const releasedHash = new Map((latest.entry.translations ?? []).map((translation) => [translation.locale, translation.sha256]));
  const released = new Set(latest.translations.map((translation) => translation.locale));
  const locales = new Set([...released, ...translationTexts.keys()]);
  return [...locales].filter((locale) => {
    const text = translationTexts.get(locale);
    const hash = releasedHash.get(locale);
    return !released.has(locale) || text === undefined || hash === undefined || !isReleasedText(text, hash);
  }).sort();
}

/** The prose of a document, whitespace-normalised: what the patch rule compares. */
function proseOf(document: PolicyDocument): string {
  const walk = (sections: PolicyDocument['sections']): string[] => sections.flatMap((section) => [section.title, section.text, ...walk(section.children)]);
  return walk(document.sections).join('\n').replace(/\s+/g, ' ').trim();
}

/**
 * Report what is wrong with the draft's version and dates, compared with the latest release:
 * `released-version-modified` and `version-bump-too-small`. The dates are {@link checkEffectiveDate}'s.
 */
export function checkPending(file: VFile, draft: PolicyDocument, pending: PendingChange, places: { version?: Position | undefined }): void {
  const { latest, required, declared } = pending;
  const released = latest.entry.version;
  if (declared === 'none' && required !== 'none') {
    report(file, 'released-version-modified', `Version ${released} was released on ${latest.entry.released} and cannot change; give these edits version ${nextVersion(released, required)} or higher`, places.version);
    return;
  }
  if (declared === 'lower') {
    report(file, 'version-bump-too-small', `Version ${draft.meta.version} is lower than the released version ${released}`, places.version);
    return;
  }
  if (required !== 'none' && declared !== 'none' && !bumpCovers(declared, required)) {
    const reasons = pending.changes.filter((change) => change.bump === required).map((change) => change.reason);
    report(
      file,
      'version-bump-too-small',
      `These changes need a ${required} version (${nextVersion(released, required)}), but the version says ${draft.meta.version}: ${reasons.slice(0, 3).join('; ')}${reasons.length > 3 ? `; and ${reasons.length - 3} more` : ''}`,
      places.version,
    );
  }
}

/** The date rules' verdict on a draft released on `today`: what check, review and release all state. */
export function draftDates(draft: PolicyDocument, pending: PendingChange | undefined, released: readonly VersionEntry[], today: string): EffectiveDateVerdict {
  return effectiveDateRules({
    version: draft.meta.version,
    effective: draft.meta.effective,
    releaseDay: today,
    released,
    noticePeriod: pending?.changes.some((change) => change.material && beforeEffectiveDate(change.action)) ? noticePeriodOf(draft.meta) : undefined,
    reason: draft.meta.effectiveReason,
  });
}

/** Where the date findings point. */
export interface DatePlaces {
  effective?: Position | undefined;
}

/**
 * Check the draft's effective date against the date rules (see {@link effectiveDateRules}),
 * as if it were released on `today`. Out of order is always an error. A date that is too early
 * only because of the release day (backdated, or too little notice) is an error when
 * `releasing`; in a plain check it is the warning `effective-date-too-early`, naming the date
 * to use: the day a branch is merged is not the day it is released, and a late merge must
 * need a date change, not turn the main branch red. Each finding offers the earliest date as
 * its fix. Returns the verdict, for callers that state it.
 */
export function checkEffectiveDate(file: VFile, draft: PolicyDocument, pending: PendingChange | undefined, released: readonly VersionEntry[], places: DatePlaces, today: string, releasing: boolean): EffectiveDateVerdict {
  const verdict = draftDates(draft, pending, released, today);
  const effective = draft.meta.effective;
  const fix = (message: VFileMessage) => offerFix(file, message, effective, verdict.earliest.date);
  const order = verdict.broken.find((bound) => bound.kind === 'order');
  if (order) {
    fix(report(file, 'effective-date-out-of-order', `Version ${draft.meta.version} takes effect on ${effective}, before a lower version does, which would bring that version's changes into force early; ${earliestSentence(verdict)}`, places.effective));
    return verdict;
  }
  const notice = verdict.broken.find((bound) => bound.kind === 'notice');
  const backdated = verdict.broken.find((bound) => bound.kind === 'release-day');
  if (!notice && !backdated) return verdict;
  if (!releasing) {
    const why = notice ? `this material change needs ${humanDuration(noticePeriodOf(draft.meta))} of notice` : 'a version cannot take effect before the day it is released';
    fix(report(file, 'effective-date-too-early', `If released today (${today}), version ${draft.meta.version} cannot take effect on ${effective}: ${why}; ${earliestSentence(verdict)}. Change \`effective\` before releasing`, places.effective));
  } else if (notice) {
    fix(report(file, 'notice-period-too-short', `Released on ${today}, this material change cannot take effect on ${effective}: ${earliestSentence(verdict)}`, places.effective));
  } else {
    fix(report(file, 'effective-date-backdated', `Version ${draft.meta.version} takes effect on ${effective}, before the day it is released (${today}); ${earliestSentence(verdict)}. To keep the earlier date, state why in \`effectiveReason\``, places.effective));
  }
  return verdict;
}

/**
 * `updated` says when the text last changed: a draft that changes the released text must move
 * it past the latest release's, and not past the release day (`updated-date-stale`, a warning
 * whose fix is the release day).
 */
export function checkUpdated(file: VFile, draft: PolicyDocument, pending: PendingChange, place: Position | undefined, today: string): void {
  if (pending.required === 'none') return;
  const { updated } = draft.meta;
  const previous = pending.latest.document.meta.updated;
  let reason: string | undefined;
  if (updated <= previous) reason = `The text changed since version ${pending.latest.entry.version}, but \`updated\` still says ${updated}${updated === previous ? `, as in ${pending.latest.entry.version}` : `, before ${pending.latest.entry.version}'s ${previous}`}; set it to the day of this change`;
  else if (updated > today) reason = `\`updated\` says ${updated}, after the release day (${today}): a text cannot have been updated on a day still to come; set it to the day of this change`;
  if (!reason) return;
  const message = report(file, 'updated-date-stale', `${reason}, at the latest the release day (${today})`, place);
  offerFix(file, message, updated, today);
}
