import { report } from '../diagnostics/report.ts';
import { walk, type SectionNode } from '../parse/sections.ts';
import type { LintRule } from './context.ts';

/** Sections shorter than this many words are not compared: short texts match by chance. */
const minWords = 20;
/** Dice similarity of word pairs at or above which two sections count as near-duplicates. */
export const duplicateThreshold = 0.5;
/** Word pairs shared by more sections than this are skipped when looking for candidates. */
const maxPostings = 32;

/**
 * Near-duplicate sections: the Dice coefficient of their sets of consecutive word pairs is
 * at least {@link duplicateThreshold}. Rewording a copy keeps most pairs, so reworded copies
 * are found too. Candidates come from an index of rare word pairs, so cost stays linear.
 */
export const duplicateSection: LintRule = ({ file, parsed }) => {
  const sections = [...walk(parsed.sections)]
    .map((section) => ({ section, pairs: wordPairs(section.text) }))
    .filter((entry) => entry.pairs.size >= minWords);

  const postings = new Map<string, number[]>();
  sections.forEach((entry, index) => {
    for (const pair of entry.pairs) {
      const list = postings.get(pair);
      if (list) list.push(index);
      else postings.set(pair, [index]);
    }
  });

  const reported = new Set<number>();
  sections.forEach((entry, index) => {
    if (reported.has(index)) return;
    const candidates = new Set<number>();
    for (const pair of entry.pairs) {
      const list = postings.get(pair)!;
      if (list.length > maxPostings) continue;
      for (const other of list) if (other < index) candidates.add(other);
    }
    for (const other of [...candidates].sort((a, b) => a - b)) {
      const score = dice(sections[other]!.pairs, entry.pairs);
      if (score >= duplicateThreshold) {
        const first: SectionNode = sections[other]!.section;
        report(
          file,
          'duplicate-section',
          `Section "${entry.section.title}" repeats section "${first.title}" (line ${first.start.line}): ${Math.round(score * 100)}% of their wording is the same`,
          entry.section.heading.position,
          { cause: first.heading.position! },
        );
        reported.add(index);
        break;
      }
    }
  });
};

/** The set of consecutive lower-case word pairs of a text. */
export function wordPairs(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const pairs = new Set<string>();
  for (let i = 1; i < words.length; i++) pairs.add(`${words[i - 1]} ${words[i]}`);
  return pairs;
}

function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const pair of small) if (large.has(pair)) shared++;
  return (2 * shared) / (a.size + b.size);
}
