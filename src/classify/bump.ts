import type { ClassifiedChange } from '../model/change.generated.ts';

/** A semver bump, from least to most. */
export type Bump = ClassifiedChange['bump'];

const order: readonly Bump[] = ['patch', 'minor', 'major'];

/** The smallest bump that covers every change: prose-only edits need a patch. */
export function requiredBump(changes: readonly Pick<ClassifiedChange, 'bump'>[]): Bump {
  return changes.reduce<Bump>((bump, change) => (order.indexOf(change.bump) > order.indexOf(bump) ? change.bump : bump), 'patch');
}
