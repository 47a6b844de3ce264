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
  for (const [sentence, { line, terms }] of bySentence) {
    // "advertising partners" says it all: drop "partners" and "advertising" inside it.
    const kept = terms.filter((term, index) => !terms.some((other, at) => at !== index && other.length > term.length && other.toLowerCase().includes(term.toLowerCase())));
    const list = [...new Set(kept)].map((term) => `"${term}"`).join(', ');
    report(file, 'undeclared-prose-change', `This new sentence names ${list}, which no declaration contains: "${sentence.length > 90 ? `${sentence.slice(0, 87)}...` : sentence}"`, { line, column: 1 });
  }
}

/** Every text the declarations hold, lower-cased, with durations also in words. */
function declaredText(document: PolicyDocument): string {
  const json = JSON.stringify(document.declarations);
  const durations = json.match(/"P[0-9YMWDTHS]+"/g)?.map((value) => humanDuration(value.slice(1, -1))) ?? [];
  return `${json} ${durations.join(' ')}`.toLowerCase().replace(/-/g, ' ');
}
