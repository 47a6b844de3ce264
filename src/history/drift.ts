import type { VFile } from 'vfile';
import { declaresReason } from '../classify/declared.ts';
import { classifyProse } from '../classify/prose.ts';
import { humanDuration } from '../model/duration.ts';
import { report } from '../diagnostics/report.ts';
import type { PolicyDocument } from '../model/policy.generated.ts';
import type { ReleasedVersion } from './verify.ts';

const checked = new Set(['data', 'recipient', 'purpose', 'retention']);

/**
 * Prose that drifts from the declarations: a sentence the draft adds (since the latest
 * release) naming personal data, a recipient, a purpose or a retention period that no
 * declaration mentions. The rules, the site's tables and the change notices read the
 * declarations, so what only the prose says would reach none of them.
 */
export function checkDrift(file: VFile, draft: PolicyDocument, draftText: string, latest: Pick<ReleasedVersion, 'text'>): void {
  const verdict = classifyProse(latest.text, draftText);
  const declared = declaredText(draft);
  const bySentence = new Map<string, { line: number; terms: string[] }>();
  for (const reason of verdict.reasons) {
    // A changed period counts by its new value; a dropped fact needs no declaration.
    if (reason.change === 'removed' || !checked.has(reason.kind)) continue;
    if (declaresReason(declared, reason)) continue;
    const entry = bySentence.get(reason.sentence) ?? { line: reason.line, terms: [] };
    entry.terms.push(reason.term);
    bySentence.set(reason.sentence, entry);
  }
  const lines = draftText.split(/\r?\n/);
  for (const [sentence, { line, terms }] of bySentence) {
    // An editor who checked the sentence against the declarations says so, with a reason.
    if (reviewedReason(lines, line) !== undefined) continue;
    // "advertising partners" says it all: drop "partners" and "advertising" inside it.
    const kept = terms.filter((term, index) => !terms.some((other, at) => at !== index && other.length > term.length && other.toLowerCase().includes(term.toLowerCase())));
    const list = [...new Set(kept)].map((term) => `"${term}"`).join(', ');
    report(
      file,
      'undeclared-prose-change',
      `This new sentence names ${list}, which no declaration contains; declare it, or mark the sentence reviewed with a reason (<!-- reviewed: ... -->): "${sentence.length > 90 ? `${sentence.slice(0, 87)}...` : sentence}"`,
      sentencePlace(lines, line, sentence),
    );
  }
}

/** The marker an editor puts after a sentence checked against the declarations: `<!-- reviewed: why -->`. */
const reviewedMarker = /<!--\s*reviewed:\s*(\S[^]*?)\s*-->/;

/** The reason given in a `reviewed` marker in the block starting at `line`, if any (an empty reason does not count). */
function reviewedReason(lines: readonly string[], line: number): string | undefined {
  const block: string[] = [];
  for (let index = line - 1; index < lines.length && lines[index]!.trim() !== ''; index++) block.push(lines[index]!);
  return reviewedMarker.exec(block.join('\n'))?.[1];
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

/** Every text the declarations hold, lower-cased, with durations also in words. */
function declaredText(document: PolicyDocument): string {
  const json = JSON.stringify(document.declarations);
  const durations = json.match(/"P[0-9YMWDTHS]+"/g)?.map((value) => humanDuration(value.slice(1, -1))) ?? [];
  return `${json} ${durations.join(' ')}`.toLowerCase().replace(/-/g, ' ');
}
