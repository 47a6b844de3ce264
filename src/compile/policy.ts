import semver from 'semver';
import type { PolicyDocument } from '../model/policy.generated.ts';
import type { PolicyData, VersionData } from '../runtime/policy-runtime.ts';
import { classifyChanges } from '../classify/index.ts';
import { canonicalJson, sha256 } from '../model/canonical.ts';
import { lookupTables } from './index-tables.ts';
import { compileRules } from './rules.ts';

/**
 * Compile the versions of one policy (any order) into its module data: rules per version,
 * their hashes, the classified changes from each version to the next, the lookup tables.
 */
export function compilePolicy(documents: readonly PolicyDocument[]): PolicyData {
  const sorted = [...documents].sort((a, b) => semver.compare(a.meta.version, b.meta.version));
  const versions: VersionData[] = [];
  const newest = sorted.at(-1)!;
  sorted.forEach((document, index) => {
    const rules = compileRules(document);
    const previous = sorted[index - 1];
    versions.push({
      rules,
      hash: sha256(canonicalJson(rules)),
      changes: previous ? classifyChanges(previous, document) : [],
      // What a user who accepted this version has not accepted: this version compared with the newest one.
      changesToNewest: classifyChanges(document, newest),
      index: lookupTables(rules),
    });
  });
  return { id: sorted[0]!.meta.id, versions };
}
