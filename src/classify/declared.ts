import type { Declarations } from '../model/policy.generated.ts';
import { humanDuration } from '../model/duration.ts';
import type { ProseReason } from './prose.ts';
import { mentions } from './vocabulary.ts';

/** The declarations' text (lower-case, hyphens as spaces) and the vocabulary concepts it names, read once. */
export interface DeclaredText {
  text: string;
  concepts: ReadonlySet<string>;
}

/** Read a declarations' text once for {@link declaresReason}: `text` lower-case, hyphens as spaces. */
export function declaredTextOf(text: string): DeclaredText {
  return { text, concepts: new Set(mentions(text).map((mention) => mention.concept.id)) };
}

/**
 * Does the text of a policy's declarations already say what a prose reason names? The same
 * words, or the same vocabulary concept: "usage data" in a sentence is declared when "usage
 * logs" are (both name how a user uses the service), "18 months" when the new period of a
 * changed one is.
 */
export function declaresReason(declared: DeclaredText, reason: Pick<ProseReason, 'term'>): boolean {
  const value = (reason.term.split(' → ').at(-1) ?? reason.term).toLowerCase().replace(/-/g, ' ');
  if (declared.text.includes(value)) return true;
  const named = new Set(mentions(value).map((mention) => mention.concept.id));
  return named.size > 0 && [...named].every((id) => declared.concepts.has(id));
}

/** A sentence new in the draft that names facts no declaration contains. */
export interface UndeclaredSentence {
  /** The line its block starts on, in the draft. */
  line: number;
  sentence: string;
  /** The words naming data, a recipient, a purpose or a retention period, longest first kept. */
  terms: string[];
}

const checkedKinds = new Set(['data', 'recipient', 'purpose', 'retention']);

/**
 * The sentences a draft adds (per the prose verdict against the latest release) that name
 * personal data, a recipient, a purpose or a retention period no declaration contains, and
 * that no editor marked reviewed. The rules, the site and the notices read only declarations,
 * so `policy check` and `policy release` refuse these and `policy diff` names them.
 */
export function undeclaredSentences(reasons: readonly ProseReason[], declarations: Declarations, draftText: string): UndeclaredSentence[] {
  const declared = declaredTextOf(declaredText(declarations));
  const bySentence = new Map<string, { line: number; terms: string[] }>();
  for (const reason of reasons) {
    // A changed period counts by its new value; a dropped fact needs no declaration.
    if (reason.change === 'removed' || !checkedKinds.has(reason.kind)) continue;
    if (declaresReason(declared, reason)) continue;
    const entry = bySentence.get(reason.sentence) ?? { line: reason.line, terms: [] };
    entry.terms.push(reason.term);
    bySentence.set(reason.sentence, entry);
  }
  const lines = draftText.split(/\r?\n/);
  const found: UndeclaredSentence[] = [];
  for (const [sentence, { line, terms }] of bySentence) {
    // An editor who checked the sentence against the declarations says so, with a reason.
    if (reviewedReason(lines, line) !== undefined) continue;
    // "advertising partners" says it all: drop "partners" and "advertising" inside it.
    const kept = terms.filter((term, index) => !terms.some((other, at) => at !== index && other.length > term.length && other.toLowerCase().includes(term.toLowerCase())));
    found.push({ line, sentence, terms: [...new Set(kept)] });
  }
  return found;
}

/** The marker an editor puts after a sentence checked against the declarations: `<!-- reviewed: why -->`. */
const reviewedMarker = /<!--\s*reviewed:\s*(\S[^]*?)\s*-->/;

/** The reason given in a `reviewed` marker in the block starting at `line`, if any (an empty reason does not count). */
export function reviewedReason(lines: readonly string[], line: number): string | undefined {
  const block: string[] = [];
  for (let index = line - 1; index < lines.length && lines[index]!.trim() !== ''; index++) block.push(lines[index]!);
  return reviewedMarker.exec(block.join('\n'))?.[1];
}

/** Every text the declarations hold, lower-cased, with durations also in words. */
function declaredText(declarations: Declarations): string {
  const json = JSON.stringify(declarations);
  const durations = json.match(/"P[0-9YMWDTHS]+"/g)?.map((value) => humanDuration(value.slice(1, -1))) ?? [];
  return `${json} ${durations.join(' ')}`.toLowerCase().replace(/-/g, ' ');
}
