// The five functions used, not the whole package: loading all of semver cost every command
// that judges a bump (policy diff of two plain texts included) some 10-30 ms at start-up.
import semverDiff from 'semver/functions/diff.js';
import semverEq from 'semver/functions/eq.js';
import semverInc from 'semver/functions/inc.js';
import semverLt from 'semver/functions/lt.js';
import semverValid from 'semver/functions/valid.js';
import type { ClassifiedChange } from '../model/change.generated.ts';

/** A semver bump, from least to most. */
export type Bump = ClassifiedChange['bump'];

/** The bump a new text needs: `none` when the text is the same. */
export type RequiredBump = Bump | 'none';

/** The bump a version number declares against the one before it; `lower` when it goes down. */
export type DeclaredBump = Bump | 'none' | 'lower';

const rank: Record<RequiredBump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

/**
 * The one answer to "what bump does this change need?", used by check, diff, review and
 * release alike. A released text never changes, so any edit needs at least a patch; a
 * declaration change needs its classified bump, the largest one winning.
 *
 * @param changes The classified declaration changes between the two versions.
 * @param textChanged Whether the two texts differ at all (prose, dates, formatting, anything).
 */
export function requiredBump(changes: readonly Pick<ClassifiedChange, 'bump'>[], textChanged: true): Bump;
export function requiredBump(changes: readonly Pick<ClassifiedChange, 'bump'>[], textChanged: boolean): RequiredBump;
export function requiredBump(changes: readonly Pick<ClassifiedChange, 'bump'>[], textChanged: boolean): RequiredBump {
  const largest = changes.reduce<RequiredBump>((bump, change) => (rank[change.bump] > rank[bump] ? change.bump : bump), 'none');
  if (largest !== 'none') return largest;
  return textChanged ? 'patch' : 'none';
}

/** Whether a declared bump is enough for the required one (`lower` never is, unless nothing is required). */
export function bumpCovers(declared: DeclaredBump, required: RequiredBump): boolean {
  if (required === 'none') return true;
  return declared !== 'lower' && rank[declared] >= rank[required];
}

/** Whether `text` is a semver version number (`1.0.1`, `2.0.0-rc.1`). */
export function isVersion(text: string): boolean {
  return semverValid(text) !== null;
}

/** The bump going from version `from` to version `to` declares. */
export function declaredBump(from: string, to: string): DeclaredBump {
  if (semverEq(from, to)) return 'none';
  if (semverLt(to, from)) return 'lower';
  const diff = semverDiff(from, to);
  return diff === 'major' || diff === 'premajor' ? 'major' : diff === 'minor' || diff === 'preminor' ? 'minor' : 'patch';
}

/** The smallest version that satisfies `bump` after `from`. */
export function nextVersion(from: string, bump: Bump): string {
  return semverInc(from, bump)!;
}
