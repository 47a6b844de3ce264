import type { PolicyDiff } from '../model/diff.generated.ts';
import { filesToCompare } from './file-pair.ts';
import type { DiffCache } from './released-diff.ts';

export type { CachedDiff, DiffCache } from './released-diff.ts';

/**
 * `policy diff`'s comparison, read from the workspace (see {@link sidesToCompare} for what the
 * arguments name). Two files without front matter are compared by their prose alone, loading
 * no parser, checker, declaration diff, history or cache: this module imports nothing else
 * until it knows (the command's start-up is most of its time, docs/benchmarks.md). Anything
 * else goes to {@link diffWithCache} in ./released-diff.ts: two released versions are answered
 * from `cache` (default: the workspace's .policy/cache/; `false`: none). Throws an Error whose
 * message says what to name instead.
 */
export async function diffInWorkspace(args: readonly string[], base: string | undefined, cache?: DiffCache | false): Promise<PolicyDiff> {
  const files = filesToCompare(args);
  if (files) {
    const { assembleDiff, mayBeStructured } = await import('../compare/assemble.ts');
    if (!files.some((file) => mayBeStructured(file.text))) return assembleDiff(files[0], files[1]);
  }
  const { diffWithCache, workspaceDiffCache } = await import('./released-diff.ts');
  return diffWithCache(args, base, cache ?? workspaceDiffCache());
}
