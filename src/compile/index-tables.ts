import type { CompiledRules } from '../model/rules.generated.ts';
import type { VersionData } from '../runtime/policy-runtime.ts';

/** Precompute the lookups `can()` reads: purpose → category set, recipient → category and purpose sets. */
export function lookupTables(rules: CompiledRules): VersionData['index'] {
  const set = (ids: readonly string[]) => Object.fromEntries(ids.map((id) => [id, true as const]));
  return {
    allow: Object.fromEntries(Object.entries(rules.purposes).map(([id, purpose]) => [id, set(purpose!.categories)])),
    receive: Object.fromEntries(
      Object.entries(rules.recipients).map(([id, recipient]) => [id, { categories: set(recipient!.categories), purposes: set(recipient!.purposes) }]),
    ),
  };
}
