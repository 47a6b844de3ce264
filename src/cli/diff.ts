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
    if (args.length === 3 && options.base === undefined) {
      const note = await newerNamedFirst(args[0]!, args[1]!, args[2]!);
      if (note) err(note);
    }
    return invalid.length > 0 ? 1 : 0;
  } catch (error) {
    err(`policy diff: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

/**
 * A note when a policy's versions are named newest first (`allai 1.0.1 1.0.0`, or the draft
 * before a released version). They are compared in the order given, which can be intended (what
 * a rollback would change), but then what the newer version added reads as removed and what it
 * removed as added: a reader who expected the other order is told so, and how to ask for it.
 */
export async function newerNamedFirst(id: string, first: string, second: string): Promise<string | undefined> {
  const swapped = `policy diff ${id} ${second} ${first}`;
  const effect = 'so it is compared as the earlier text: what it added shows as removed, and what it removed as added';
  if (first === 'draft' && second !== 'draft') return `policy diff: note: the draft is newer than the released ${second} but was named first, ${effect}. For the draft's changes since ${second}, run \`${swapped}\`\n`;
  if (first === 'draft' || second === 'draft') return undefined;
  // Loaded only here: semver costs every other diff start-up time (src/classify/bump.ts).
  const { declaredBump, isVersion } = await import('../classify/bump.ts');
  if (!isVersion(first) || !isVersion(second) || declaredBump(first, second) !== 'lower') return undefined;
  return `policy diff: note: ${first} is newer than ${second} but was named first, ${effect}. For the changes from ${second} to ${first}, run \`${swapped}\`\n`;
}
