import { assembleDiff, filesToCompare, mayBeStructured, renderDiff, type DiffFormat, type PolicyDiff } from '../index.ts';

/**
 * `policy diff`: two files; a policy's two versions (`allai 1.0.0 1.0.1`, `draft` for the
 * working draft); or a policy's draft against a git ref (`allai --base main`).
 */
export async function runDiff(args: readonly string[], options: { base?: string; format: DiffFormat; color: boolean }, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  try {
    const diff = await diffOf(args, options.base);
    out(renderDiff(diff, options.format, options.color));
    // An invalid policy fails the command, so CI does not take a prose-only verdict for the real one.
    const invalid = [diff.before, diff.after].filter((side) => side.invalid);
    for (const side of invalid) err(`policy diff: ${side.label} is not a valid policy, so its declarations were not compared; run \`policy check ${side.label}\` to see why\n`);
    return invalid.length > 0 ? 1 : 0;
  } catch (error) {
    err(`policy diff: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

/**
 * Two plain texts are compared by their prose alone: the parser, the checker, the declaration
 * diff and the history (./diff-policies.ts) load only when a side may be a policy, since the
 * command's start-up is most of its time (docs/benchmarks.md).
 */
async function diffOf(args: readonly string[], base: string | undefined): Promise<PolicyDiff> {
  const files = filesToCompare(args);
  if (files && !files.some((file) => mayBeStructured(file.text))) return assembleDiff(files[0], files[1]);
  const { diffPolicies } = await import('./diff-policies.ts');
  return diffPolicies(args, base);
}
