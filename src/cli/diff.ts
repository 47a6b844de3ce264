import { diffInWorkspace, renderDiff, type DiffFormat } from '../index.ts';

/**
 * `policy diff`: two files; a policy's two versions (`allai 1.0.0 1.0.1`, `draft` for the
 * working draft); or a policy's draft against a git ref (`allai --base main`).
 */
export async function runDiff(args: readonly string[], options: { base?: string; format: DiffFormat; color: boolean }, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  try {
    const diff = await diffInWorkspace(args, options.base);
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
