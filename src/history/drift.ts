import type { VFile } from 'vfile';
import { reviewedReason, undeclaredSentences } from '../classify/declared.ts';
import { diffProse } from '../diff/prose.ts';
import { classifyProse } from '../classify/prose.ts';
import { report } from '../diagnostics/report.ts';
import type { PolicyDocument } from '../model/policy.generated.ts';
import type { ReleasedVersion } from './verify.ts';

/**
 * Prose that drifts from the declarations: a sentence the draft adds (since the latest
 * release) naming personal data, a recipient, a purpose or a retention period that no
 * declaration mentions. The rules, the site's tables and the change notices read the
 * declarations, so what only the prose says would reach none of them.
 */
export function checkDrift(file: VFile, draft: PolicyDocument, draftText: string, latest: Pick<ReleasedVersion, 'text'>): void {
  const verdict = classifyProse(latest.text, draftText);
  const lines = draftText.split(/\r?\n/);
  for (const { line, sentence, terms } of undeclaredSentences(verdict.reasons, draft.declarations, draftText)) {
    const list = terms.map((term) => `"${term}"`).join(', ');
    report(
      file,
      'undeclared-prose-change',
      `This new sentence names ${list}, which no declaration contains; declare it, or mark the sentence reviewed with a reason (<!-- reviewed: ... -->): "${sentence.length > 90 ? `${sentence.slice(0, 87)}...` : sentence}"`,
      sentencePlace(lines, line, sentence),
    );
  }
}

/**
 * The prose rule for a translation the checker cannot read (any locale but English): every
 * paragraph added or changed since the translation's release is an error until an editor has
 * compared it with policy.md and its declarations and marked it reviewed with a reason. A
 * translation that newly names data, a recipient, a purpose or a period would otherwise be
 * released as a silent patch.
 */
export function checkTranslationDrift(file: VFile, locale: string, draftText: string, released: Pick<ReleasedVersion, 'text'>, version: string): void {
  if (/^en(-|$)/i.test(locale)) return;
  const lines = draftText.split(/\r?\n/);
  for (const change of diffProse(released.text, draftText).changes) {
    if (change.op === 'removed') continue;
    const { line, text } = change.after;
    if (reviewedReason(lines, line) !== undefined) continue;
    // A paragraph the English prose rule already flagged (an English sentence in it) needs no second error.
    let end = line;
    while (end < lines.length && lines[end]!.trim() !== '') end++;
    if (file.messages.some((message) => message.ruleId === 'undeclared-prose-change' && (message.line ?? 0) >= line && (message.line ?? 0) <= end)) continue;
    report(
      file,
      'undeclared-prose-change',
      `This text of the ${locale} translation is new or changed since version ${version}, and the checker reads only English, so it cannot tell whether it names data, a recipient, a purpose or a period no declaration contains; compare it with policy.md and its declarations, then mark it reviewed with a reason (<!-- reviewed: ... -->): "${text.length > 90 ? `${text.slice(0, 87)}...` : text}"`,
      { line, column: 1 },
    );
  }
}

/** Where a sentence starts and ends in its block (from line `line`); the block's start when it cannot be found word for word. */
function sentencePlace(lines: readonly string[], line: number, sentence: string): { start: { line: number; column: number }; end: { line: number; column: number } } | { line: number; column: number } {
  const head = sentence.slice(0, 40);
  for (let index = line - 1; index < lines.length && lines[index]!.trim() !== ''; index++) {
    const column = lines[index]!.indexOf(head);
    if (column === -1) continue;
    const end = lines[index]!.indexOf(sentence) === column ? column + sentence.length : lines[index]!.length;
    return { start: { line: index + 1, column: column + 1 }, end: { line: index + 1, column: end + 1 } };
  }
  return { line, column: 1 };
}
