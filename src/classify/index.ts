import type { ClassifiedChange } from '../model/change.generated.ts';
import { diffDeclarations, type PolicyModel } from '../diff/declarations.ts';
import { classifyChange } from './change.ts';

/** Every change from one version to another, found by the semantic diff and classified by the rule table. */
export function classifyChanges(before: PolicyModel, after: PolicyModel): ClassifiedChange[] {
  return diffDeclarations(before, after).flatMap((change) => classifyChange(change, before, after) ?? []);
}

export { classifyChange } from './change.ts';
export { requiredBump, bumpCovers, declaredBump, nextVersion, type RequiredBump, type DeclaredBump } from './bump.ts';
