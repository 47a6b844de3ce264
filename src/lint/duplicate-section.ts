import { walk, type SectionNode } from '../parse/sections.ts';
import { lintRule } from './context.ts';
import { dice, wordPairs } from '../parse/similarity.ts';

/** Sections shorter than this many words are not compared: short texts match by chance. */
const minWords = 20;
/** Dice similarity of word pairs at or above which two sections count as near-duplicates. */
const duplicateThreshold = 0.5;
/** MinHash signature: `bands` groups of `rows` hashes (locality-sensitive hashing). */
const bands = 40;
const rows = 2;
/** Sections a band's bucket keeps, and exact comparisons per section: bounds on the work. */
const bucketSize = 32;
const comparisons = 32;

/**
 * Near-duplicate sections: the Dice coefficient of their sets of consecutive word pairs is
 * at least {@link duplicateThreshold}. Rewording a copy keeps most pairs, so reworded copies
 * are found too. Comparing every pair of sections is quadratic, so candidates come from
 * MinHash banding (deterministic): a pair at the threshold becomes a candidate with
 * probability 0.99, higher above it; each candidate is then measured exactly (at most the 32
 * that share the most bands, so that the work per section is bounded; an exact copy always).
 */
export const duplicateSection = lintRule(
  {
    id: 'duplicate-section',
    severity: 'warning',
    title: 'Two sections say nearly the same thing.',
    hint: 'Keep one of them; a near-copy drifts apart over time.',
    examples: { pass: "Only one of the two sections is kept:" },
  },
  ({ parsed, report }) => {
    const sections = [...walk(parsed.sections)]
      .map((section) => ({ section, pairs: sectionWordPairs(section.text) }))
      .filter((entry) => entry.pairs.size >= minWords);

    // Candidates by the number of bands they share: more shared bands, more similar. Only
    // buckets of at most `bucketSize` sections are counted (one most sections fall into tells
    // little), and each section is measured against its `comparisons` best candidates, so text
    // whose sections all resemble each other costs a bounded amount per section instead of a
    // comparison with every other. A real policy (under a hundred sections) stays far below
    // both. An exact copy is always a candidate: the same set of word pairs.
    const buckets = new Map<string, number[]>();
    const copies = new Map<string, number>();
    const candidates = sections.map((entry, index) => {
      const shared = new Map<number, number>();
      const words = [...entry.pairs].sort().join('\n');
      const original = copies.get(words);
      if (original === undefined) copies.set(words, index);
      else shared.set(original, bands + 1);
      const signature = minHash(entry.pairs);
      for (let band = 0; band < bands; band++) {
        const key = `${band}:${signature.slice(band * rows, band * rows + rows).join(',')}`;
        const bucket = buckets.get(key);
        if (!bucket) {
          buckets.set(key, [index]);
          continue;
        }
        if (bucket.length <= bucketSize) for (const other of bucket) shared.set(other, (shared.get(other) ?? 0) + 1);
        bucket.push(index);
      }
      return [...shared].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, comparisons).map(([other]) => other);
    });

    sections.forEach((entry, index) => {
      for (const other of candidates[index]!.sort((a, b) => a - b)) {
        const score = dice(sections[other]!.pairs, entry.pairs);
        if (score >= duplicateThreshold) {
          const first: SectionNode = sections[other]!.section;
          report(
            `Section "${entry.section.title}" repeats section "${first.title}" (line ${first.start.line}): ${Math.round(score * 100)}% of their wording is the same`,
            entry.section.heading.position,
            { cause: first.heading.position },
          );
          break;
        }
      }
    });
  },
);

/** Seeds of the MinHash functions: fixed, so results are the same on every run. */
const seeds = Array.from({ length: bands * rows }, (_, index) => Math.imul(index + 1, 0x9e3779b1) >>> 0);

function minHash(pairs: ReadonlySet<number>): number[] {
  const signature = new Array<number>(seeds.length).fill(0xffffffff);
  for (const pair of pairs) {
    for (let i = 0; i < seeds.length; i++) {
      const value = mix(pair ^ seeds[i]!);
      if (value < signature[i]!) signature[i] = value;
    }
  }
  return signature;
}

/** murmur3's finaliser: spreads every input bit over the output, as MinHash needs. */
function mix(value: number): number {
  value = Math.imul(value ^ (value >>> 16), 0x85ebca6b);
  value = Math.imul(value ^ (value >>> 13), 0xc2b2ae35);
  return (value ^ (value >>> 16)) >>> 0;
}

/** The consecutive lower-case word pairs of a text (words of letters and digits). */
function sectionWordPairs(text: string): Set<number> {
  return wordPairs((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' '));
}
