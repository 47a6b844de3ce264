import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicyDiff } from '../model/diff.generated.ts';
import { folderKey } from './check-cache.ts';
import { policyFolder } from './policy-folder.ts';
import { cacheFolderName, folderDerivedStore, type DerivedStore } from './snapshot-cache.ts';

/** Bumped when the shape of an entry changes, so an old entry is never read as a new one. */
const entryFormat = 1;

/** A kept diff between two released versions, with the hash of everything it was computed from. */
export interface CachedDiff {
  format: number;
  inputs: string;
  diff: PolicyDiff;
}

/** Where diffs between released versions are kept: one entry per policy folder and pair of versions. */
export type DiffCache = DerivedStore<CachedDiff>;

/** The diff cache of the workspace at `cwd` (default: the process's working directory). */
export function workspaceDiffCache(cwd: string = process.cwd()): DiffCache {
  return folderDerivedStore<CachedDiff>(join(cwd, cacheFolderName), 'released-diff');
}

/**
 * `policy diff`'s comparison when the arguments are not two plain texts (see
 * {@link diffInWorkspace} in ./diff.ts, which loads this module only then). Two released
 * versions never change, so their diff is kept in `cache` and answered from it while the
 * engine and every file in the policy's `versions/` are the same bytes: a repeated
 * `policy diff allai 1.0.0 1.0.1` loads neither the parser nor the classifier (`false`: no
 * cache). Anything else (a draft, a file, a git ref) is compared afresh.
 */
export async function diffWithCache(args: readonly string[], base: string | undefined, cache: DiffCache | false): Promise<PolicyDiff> {
  const released = base === undefined && cache ? releasedPair(args) : undefined;
  const keyOf = (pair: NonNullable<typeof released>) => folderKey(join(pair.folder, 'versions'), [entryFormat, pair.folder, pair.from, pair.to]);
  const key = released ? await keyOf(released) : undefined;
  if (key && cache) {
    const entry = await cache.get(key.name);
    if (entry && entry.format === entryFormat && entry.inputs === key.inputs && typeof entry.diff === 'object' && entry.diff !== null) return entry.diff;
  }
  const [{ sidesToCompare }, { comparePolicies }] = await Promise.all([import('./sides.ts'), import('../compare/compare.ts')]);
  const diff = comparePolicies(...(await sidesToCompare(args, base)));
  // Kept only when versions/ still holds the bytes the key was made of (nothing was written while comparing).
  if (key && cache && released && (await keyOf(released))?.inputs === key.inputs) await cache.set(key.name, { format: entryFormat, inputs: key.inputs, diff });
  return diff;
}

/** The policy folder and two released versions that `args` name (`allai 1.0.0 1.0.1`), if that is what they name. */
function releasedPair(args: readonly string[]): { folder: string; from: string; to: string } | undefined {
  const isFile = (path: string) => existsSync(path) && statSync(path).isFile();
  if (args.length !== 3 || isFile(args[0]!)) return undefined;
  const [id, from, to] = args as [string, string, string];
  if (from === 'draft' || to === 'draft') return undefined;
  const { folder, found } = policyFolder(id);
  return found ? { folder, from, to } : undefined;
}
