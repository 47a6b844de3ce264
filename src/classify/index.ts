import type { ClassifiedChange } from '../model/change.generated.ts';
import type { CompiledRules } from '../model/rules.generated.ts';
import { diffRules } from '../diff/declarations.ts';
import { classifyChange } from './change.ts';

/** Every declaration change from one compiled version to the next, classified. */
export function classifyChanges(before: CompiledRules, after: CompiledRules): ClassifiedChange[] {
  return diffRules(before, after).map((raw) => classifyChange(raw, before, after));
}

export { classifyChange } from './change.ts';
export { requiredBump, bumpCovers, declaredBump, nextVersion, type Bump, type RequiredBump, type DeclaredBump } from './bump.ts';
