import { comparePolicies } from '../compare/compare.ts';
import { renderDiff, type DiffFormat } from '../compare/render.ts';
import { sidesToCompare } from '../workspace/sides.ts';

/**
 * `policy diff`: two files; a policy's two versions (`allai 1.0.0 1.0.1`, `draft` for the
 * working draft); or a policy's draft against a git ref (`allai --base main`).
 */
export async function runDiff(args: readonly string[], options: { base?: string; format: DiffFormat; color: boolean }, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  try {
    const [before, after] = await sidesToCompare(args, options.base);
    const diff = comparePolicies(before, after);
    out(renderDiff(diff, options.format, options.color));
    return 0;
  } catch (error) {
    err(`policy diff: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}
