import semver from 'semver';
import type { VFile } from 'vfile';
import type { Position } from 'unist';
import { classifyChanges, requiredBump, type Bump } from '../classify/index.ts';
import { humanDuration } from '../classify/duration.ts';
import { beforeEffectiveDate } from '../classify/words.ts';
import { earliestEffective, noticePeriodOf } from './notice.ts';
import { report } from '../diagnostics/report.ts';
import type { ClassifiedChange } from '../model/change.generated.ts';
import type { PolicyDocument } from '../model/policy.generated.ts';
import { sha256 } from '../compile/canonical.ts';
import type { ReleasedVersion } from './verify.ts';

/** What the draft changes compared with the latest released version. */
export interface PendingChange {
  latest: ReleasedVersion;
  changes: ClassifiedChange[];
  proseChanged: boolean;
  /** The bump the changes require; `none` when the draft is the released text itself. */
  required: Bump | 'none';
  /** The bump the draft's version number declares. */
  declared: Bump | 'none' | 'lower';
}

/** Compare a draft with a released version: the classified declaration changes and whether the prose moved. */
export function compareWithRelease(draft: PolicyDocument, draftText: string, latest: ReleasedVersion): PendingChange {
  const identical = sha256(draftText) === latest.entry.sha256;
  const changes = identical ? [] : classifyChanges(latest.document, draft);
  const proseChanged = !identical && proseOf(draft) !== proseOf(latest.document);
  const required: PendingChange['required'] = identical ? 'none' : changes.length > 0 ? requiredBump(changes) : 'patch';
  return { latest, changes, proseChanged, required, declared: declaredBump(latest.entry.version, draft.meta.version) };
}

/** The prose of a document, whitespace-normalised: what the patch rule compares. */
function proseOf(document: PolicyDocument): string {
  const walk = (sections: PolicyDocument['sections']): string[] => sections.flatMap((section) => [section.title, section.text, ...walk(section.children)]);
  return walk(document.sections).join('\n').replace(/\s+/g, ' ').trim();
}

export function declaredBump(from: string, to: string): PendingChange['declared'] {
  if (semver.eq(from, to)) return 'none';
  if (semver.lt(to, from)) return 'lower';
  const diff = semver.diff(from, to);
  return diff === 'major' || diff === 'premajor' ? 'major' : diff === 'minor' || diff === 'preminor' ? 'minor' : 'patch';
}

const rank = { none: 0, patch: 1, minor: 2, major: 3 } as const;

/** The smallest version that satisfies `bump` after `from`. */
export function nextVersion(from: string, bump: Bump): string {
  return semver.inc(from, bump)!;
}

/**
 * Report what is wrong with the draft's version and dates, compared with the latest release:
 * `released-version-modified`, `version-bump-too-small` and `notice-period-too-short`.
 */
export function checkPending(file: VFile, draft: PolicyDocument, pending: PendingChange, places: { version?: Position | undefined; effective?: Position | undefined }, today: string): void {
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
  if (required !== 'none' && declared !== 'none' && rank[declared] < rank[required]) {
    const reasons = pending.changes.filter((change) => change.bump === required).map((change) => change.reason);
    report(
      file,
      'version-bump-too-small',
      `These changes need a ${required} version (${nextVersion(released, required)}), but the version says ${draft.meta.version}: ${reasons.slice(0, 3).join('; ')}${reasons.length > 3 ? `; and ${reasons.length - 3} more` : ''}`,
      places.version,
    );
  }
  const needsNotice = pending.changes.some((change) => change.material && beforeEffectiveDate(change.action));
  if (needsNotice) {
    const period = noticePeriodOf(draft.meta);
    const earliest = earliestEffective(today, period);
    if (draft.meta.effective < earliest) {
      report(file, 'notice-period-too-short', `This material change must give users ${humanDuration(period)} of notice: if released on ${today}, it can take effect on ${earliest} at the earliest, not ${draft.meta.effective}`, places.effective);
    }
  }
}
