import { comparePolicies, sidesToCompare, type PolicyDiff } from '../index.ts';

/**
 * `policy diff` when a side may be a structured policy: the sides read from the workspace
 * (files, released versions, a git ref), parsed, checked and compared with their declarations.
 * A module of its own so that the bundle loads it only for such a diff (see ./diff.ts).
 */
export async function diffPolicies(args: readonly string[], base: string | undefined): Promise<PolicyDiff> {
  return comparePolicies(...(await sidesToCompare(args, base)));
}
