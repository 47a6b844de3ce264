import { diffSequences } from './myers.ts';
import { foldWords, scanBlocks, toBlocks, type Block } from './blocks.ts';
import { dice, wordPairs } from '../parse/similarity.ts';

/** One word-level piece of a changed block. */
export interface WordChange {
  op: 'equal' | 'added' | 'removed';
  text: string;
}

/** A difference between the prose of two versions, block by block. */
export type ProseChange =
  | { op: 'added'; after: Block }
  | { op: 'removed'; before: Block }
  | { op: 'changed'; before: Block; after: Block; words: WordChange[] };

/** The prose diff: the changed blocks in order, and counts. */
export interface ProseDiff {
  changes: ProseChange[];
  stats: { blocksBefore: number; blocksAfter: number; unchanged: number; wordsAdded: number; wordsRemoved: number };
}

/** Blocks at least this similar (Dice of word pairs) are shown as one edited block. */
const pairThreshold = 0.4;
/** Regions with more candidate pairs than this are not paired: a rewrite, not an edit. */
const maxPairings = 4000;
/**
 * Myers' work is O((N+M)·D) in time and O(D²) in memory: edits past these bounds show the
 * span as removed and added whole, rather than spend quadratic time on a rewrite (an 80,000
 * character line once took 49 s).
 */
const maxWordEdits = 1000;
const maxBlockEdits = 2000;

/**
 * Diff the prose of two texts, ignoring formatting noise. Blocks are aligned first (an
 * LCS over whole normalised blocks, after trimming the common head and tail), then words
 * are diffed only inside blocks that changed, so a word diff never runs over a whole policy.
 */
export function diffProse(beforeText: string, afterText: string): ProseDiff {
  const a = beforeText.split(/\r?\n|\r/);
  const b = afterText.split(/\r?\n|\r/);
  // Most edits touch a few paragraphs: a line diff (given up when it is not small) finds
  // them, and only the paragraphs around changed lines are normalised; the others are
  // counted. Re-rendered or rewritten texts take the full path.
  const lines = fewLineEdits(a, b) ? diffSequences(a, b, maxLineEdits) : undefined;
  if (!lines) return diffBlocks(toBlocks(beforeText), toBlocks(afterText));
  const inA = new Uint8Array(a.length + 1);
  const inB = new Uint8Array(b.length + 1);
  let i = 0;
  let j = 0;
  for (const run of lines) {
    if (run.op === 'equal') {
      i += run.count;
      j += run.count;
      continue;
    }
    // Widen each change to its paragraphs on both sides: from the blank line before to the one after.
    mark(a, inA, i, run.op === 'removed' ? i + run.count : i);
    mark(b, inB, j, run.op === 'added' ? j + run.count : j);
    if (run.op === 'removed') i += run.count;
    else j += run.count;
  }
  // Lines the two sides share must be marked alike, so each block is either compared or
  // counted on both sides.
  i = 0;
  j = 0;
  for (const run of lines) {
    if (run.op === 'equal') {
      for (let k = 0; k < run.count; k++) {
        if (inA[i + k] === 1 || inB[j + k] === 1) inA[i + k] = inB[j + k] = 1;
      }
      i += run.count;
      j += run.count;
    } else if (run.op === 'removed') i += run.count;
    else j += run.count;
  }
  const before = scanBlocks(a, (line) => inA[line] === 1);
  const after = scanBlocks(b, (line) => inB[line] === 1);
  const diff = diffBlocks(before.blocks, after.blocks);
  diff.stats.blocksBefore += before.outside;
  diff.stats.blocksAfter += after.outside;
  diff.stats.unchanged += before.outside;
  return diff;
}

/** Line edits beyond which a line diff is not worth it (re-rendered or rewritten text). */
const maxLineEdits = 120;

/** A cheap lower bound on the line edits: lines found on one side only. Skips hopeless line diffs in O(n). */
function fewLineEdits(a: readonly string[], b: readonly string[]): boolean {
  const inA = new Set(a);
  const inB = new Set(b);
  let only = 0;
  for (const line of a) if (!inB.has(line) && ++only > maxLineEdits) return false;
  for (const line of b) if (!inA.has(line) && ++only > maxLineEdits) return false;
  return true;
}

/** Mark lines [from, to) and the rest of their paragraphs (up to blank lines) as changed. */
function mark(lines: readonly string[], marks: Uint8Array, from: number, to: number): void {
  let start = Math.min(from, lines.length);
  while (start > 0 && lines[start - 1]!.trim() !== '') start--;
  let end = Math.max(to, from + 1);
  while (end < lines.length && lines[end]!.trim() !== '') end++;
  for (let line = start; line < Math.min(end + 1, marks.length); line++) marks[line] = 1;
}

/** The same, over blocks already made. */
export function diffBlocks(before: readonly Block[], after: readonly Block[]): ProseDiff {
  let head = 0;
  while (head < before.length && head < after.length && before[head]!.key === after[head]!.key) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail]!.key === after[after.length - 1 - tail]!.key) tail++;
  const a = before.slice(head, before.length - tail);
  const b = after.slice(head, after.length - tail);

  const changes: ProseChange[] = [];
  let unchanged = head + tail;
  let removed: Block[] = [];
  let added: Block[] = [];
  const settle = () => {
    changes.push(...pairRegion(removed, added));
    removed = [];
    added = [];
  };
  for (const part of alignBlocks(a, b)) {
    if (part.op === 'equal') {
      settle();
      unchanged += part.count;
    } else if (part.op === 'removed') removed.push(...part.blocks);
    else added.push(...part.blocks);
  }
  settle();

  let wordsAdded = 0;
  let wordsRemoved = 0;
  for (const change of changes) {
    if (change.op === 'added') wordsAdded += wordCount(change.after.text);
    else if (change.op === 'removed') wordsRemoved += wordCount(change.before.text);
    else for (const word of change.words) word.op === 'added' ? (wordsAdded += wordCount(word.text)) : word.op === 'removed' ? (wordsRemoved += wordCount(word.text)) : 0;
  }
  return { changes, stats: { blocksBefore: before.length, blocksAfter: after.length, unchanged, wordsAdded, wordsRemoved } };
}

type Aligned = { op: 'equal'; count: number } | { op: 'removed' | 'added'; blocks: Block[] };

/**
 * Align two block lists. Blocks that occur once in each side anchor the alignment
 * (as in patience diff); the stretches between anchors are diffed with Myers' algorithm,
 * which stays cheap because those stretches are short.
 */
function alignBlocks(a: readonly Block[], b: readonly Block[]): Aligned[] {
  if (a.length === 0 && b.length === 0) return [];
  if (a.length === 0) return [{ op: 'added', blocks: [...b] }];
  if (b.length === 0) return [{ op: 'removed', blocks: [...a] }];
  const anchors = uniqueAnchors(a, b);
  if (anchors.length === 0) return myers(a, b);
  const out: Aligned[] = [];
  let i = 0;
  let j = 0;
  for (const [x, y] of anchors) {
    out.push(...myers(a.slice(i, x), b.slice(j, y)), { op: 'equal', count: 1 });
    i = x + 1;
    j = y + 1;
  }
  out.push(...myers(a.slice(i), b.slice(j)));
  return out;
}

/** Pairs (i, j) of blocks unique on both sides, longest increasing run by j (patience). */
function uniqueAnchors(a: readonly Block[], b: readonly Block[]): [number, number][] {
  const count = new Map<string, { a: number; b: number; i: number; j: number }>();
  a.forEach((block, i) => {
    const entry = count.get(block.key) ?? { a: 0, b: 0, i, j: -1 };
    entry.a++;
    count.set(block.key, entry);
  });
  b.forEach((block, j) => {
    const entry = count.get(block.key);
    if (entry) {
      entry.b++;
      entry.j = j;
    }
  });
  const pairs = [...count.values()].filter((entry) => entry.a === 1 && entry.b === 1).map((entry) => [entry.i, entry.j] as [number, number]).sort((p, q) => p[0] - q[0]);
  // Longest increasing subsequence of j (patience sorting), O(n log n).
  const tails: number[] = [];
  const previous = new Array<number>(pairs.length).fill(-1);
  pairs.forEach(([, j], index) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (pairs[tails[mid]!]![1] < j) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[index] = tails[low - 1]!;
    tails[low] = index;
  });
  const result: [number, number][] = [];
  for (let index = tails.at(-1) ?? -1; index !== -1; index = previous[index]!) result.push(pairs[index]!);
  return result.reverse();
}

function myers(a: readonly Block[], b: readonly Block[]): Aligned[] {
  if (a.length === 0 && b.length === 0) return [];
  if (a.length === 0) return [{ op: 'added', blocks: [...b] }];
  if (b.length === 0) return [{ op: 'removed', blocks: [...a] }];
  // Nothing in common (unrelated texts): Myers would only prove it, in O(n·m) at worst.
  const keys = new Set(a.map((block) => block.key));
  if (!b.some((block) => keys.has(block.key))) return [{ op: 'removed', blocks: [...a] }, { op: 'added', blocks: [...b] }];
  const runs = diffSequences(a.map((block) => block.key), b.map((block) => block.key), maxBlockEdits);
  if (!runs) return [{ op: 'removed', blocks: [...a] }, { op: 'added', blocks: [...b] }];
  const out: Aligned[] = [];
  let ai = 0;
  let bi = 0;
  for (const part of runs) {
    const n = part.count;
    if (part.op === 'added') {
      out.push({ op: 'added', blocks: b.slice(bi, bi + n) });
      bi += n;
    } else if (part.op === 'removed') {
      out.push({ op: 'removed', blocks: a.slice(ai, ai + n) });
      ai += n;
    } else {
      out.push({ op: 'equal', count: n });
      ai += n;
      bi += n;
    }
  }
  return out;
}

/**
 * Within a stretch of removed and added blocks, show an edited paragraph as one block with a
 * word diff: pair each removed block with the most similar added block, in order.
 */
function pairRegion(removed: readonly Block[], added: readonly Block[]): ProseChange[] {
  if (removed.length === 0) return added.map((after) => ({ op: 'added', after }));
  if (added.length === 0) return removed.map((before) => ({ op: 'removed', before }));
  const out: ProseChange[] = [];
  const canPair = removed.length * added.length <= maxPairings;
  const addedPairs = canPair ? added.map((block) => wordPairs(block.key)) : [];
  const sizes = addedPairs.map((pairs) => pairs.size);
  let next = 0;
  for (const before of removed) {
    let best = -1;
    let bestScore = pairThreshold;
    if (canPair) {
      const pairs = wordPairs(before.key);
      for (let j = next; j < added.length; j++) {
        // Dice cannot exceed 2·min/(sum) of the set sizes: skip pairs too different in length.
        const small = Math.min(pairs.size, sizes[j]!);
        if ((2 * small) / (pairs.size + sizes[j]!) < bestScore) continue;
        const score = dice(pairs, addedPairs[j]!);
        if (score >= bestScore) {
          best = j;
          bestScore = score;
        }
      }
    }
    if (best === -1) {
      out.push({ op: 'removed', before });
      continue;
    }
    for (; next < best; next++) out.push({ op: 'added', after: added[next]! });
    out.push({ op: 'changed', before, after: added[best]!, words: diffWordsOf(before.text, added[best]!.text) });
    next = best + 1;
  }
  for (; next < added.length; next++) out.push({ op: 'added', after: added[next]! });
  return out;
}

/** Word diff of two block texts, comparing folded words and showing the new text's words. */
function diffWordsOf(before: string, after: string): WordChange[] {
  const a = before.split(' ');
  const b = after.split(' ');
  const fa = foldWords(before);
  const fb = foldWords(after);
  // Edits are local: diff only what lies between the common head and tail.
  let head = 0;
  while (head < fa.length && head < fb.length && fa[head] === fb[head]) head++;
  let tail = 0;
  while (tail < fa.length - head && tail < fb.length - head && fa[fa.length - 1 - tail] === fb[fb.length - 1 - tail]) tail++;
  const out: WordChange[] = [];
  if (head > 0) out.push({ op: 'equal', text: b.slice(0, head).join(' ') });
  let ai = head;
  let bi = head;
  const runs = diffSequences(fa.slice(head, fa.length - tail), fb.slice(head, fb.length - tail), maxWordEdits) ?? [
    { op: 'removed' as const, count: fa.length - tail - head },
    { op: 'added' as const, count: fb.length - tail - head },
  ];
  for (const part of runs) {
    const n = part.count;
    if (part.op === 'added') {
      out.push({ op: 'added', text: b.slice(bi, bi + n).join(' ') });
      bi += n;
    } else if (part.op === 'removed') {
      out.push({ op: 'removed', text: a.slice(ai, ai + n).join(' ') });
      ai += n;
    } else {
      out.push({ op: 'equal', text: b.slice(bi, bi + n).join(' ') });
      ai += n;
      bi += n;
    }
  }
  if (tail > 0) out.push({ op: 'equal', text: b.slice(b.length - tail).join(' ') });
  return out;
}

function wordCount(text: string): number {
  if (text === '') return 0;
  let count = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32) count++;
  return count;
}
