import type { VFile } from 'vfile';
import { idChanges } from '../diff/renames.ts';
import { report } from '../diagnostics/report.ts';
import type { PolicyDocument } from '../model/policy.generated.ts';

/**
 * Ids are permanent: a new id next to a gone one in the same list is reported, as a rename to
 * declare (`renamedFrom`) when the new item says exactly what the gone one said, and otherwise
 * as the removal plus addition users will be told of.
 */
export function checkIds(file: VFile, draft: PolicyDocument, released: PolicyDocument, text: string): void {
  const lines = text.split(/\r?\n/);
  for (const change of idChanges(released, draft)) {
    const place = idPlace(lines, change.added);
    const gone = change.removed.map((id) => `\`${id}\``).join(', ');
    const message = change.sameAs
      ? `\`${change.added}\` says exactly what \`${change.sameAs}\` said in the released version, which is gone: if it is the same thing renamed, add \`renamedFrom: ${change.sameAs}\` to it; otherwise users are told \`${change.sameAs}\` was removed and \`${change.added}\` added`
      : `\`${change.added}\` is new and ${gone} ${change.removed.length > 1 ? 'are' : 'is'} gone from ${change.list}: ids are permanent, so users are told of a removal and an addition; if \`${change.added}\` is ${change.removed.length > 1 ? 'one of them' : 'it'} renamed with the same meaning, add \`renamedFrom: <old id>\` to it`;
    report(file, 'id-changed', message, place);
  }
}

/** Where `id: <id>` is written, the id's own columns; the file's start when it cannot be found. */
function idPlace(lines: readonly string[], id: string) {
  const pattern = new RegExp(`^(\\s*-?\\s*id:\\s*)${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  const index = lines.findIndex((line) => pattern.test(line));
  if (index === -1) return { line: 1, column: 1 };
  const column = pattern.exec(lines[index]!)![1]!.length + 1;
  return { start: { line: index + 1, column }, end: { line: index + 1, column: column + id.length } };
}
