import { classifyChanges } from '../classify/index.ts';
import { checkPolicy } from '../check.ts';
import type { PolicyDiff } from '../model/diff.generated.ts';
import { fileFromBytes } from '../parse/read.ts';
import { undeclaredSentences } from '../classify/declared.ts';
import { assembleDiff, mayBeStructured, type Side } from './assemble.ts';

export { mayBeStructured, type Side } from './assemble.ts';

/**
 * Read a text as a side, parsing it as a policy when it is one (plain text stays prose only).
 * A text without front matter is never a structured policy, so it is not parsed or checked as one.
 */
export function sideOf(label: string, text: string): Side {
  if (!mayBeStructured(text)) return { label, text };
  const { document } = checkPolicy(fileFromBytes(label, new TextEncoder().encode(text)));
  return { label, text, document };
}

/**
 * Compare two versions: the classified declaration changes when both are structured
 * policies, the noise-free prose diff always, and the version bump they require.
 */
export function comparePolicies(before: Side, after: Side): PolicyDiff {
  if (before.document === undefined || after.document === undefined) return assembleDiff(before, after);
  const declarations = after.document.declarations;
  return assembleDiff(before, after, {
    changes: classifyChanges(before.document, after.document),
    undeclared: (reasons) => undeclaredSentences(reasons, declarations, after.text),
  });
}
