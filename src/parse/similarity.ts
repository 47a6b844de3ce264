// How alike two texts are: the Dice coefficient of their sets of consecutive word pairs, as
// the prose diff pairs a changed paragraph with its new wording and the duplicate-section
// lint finds a reworded copy. Rewording keeps most pairs; reordering whole sentences keeps all.

/**
 * The consecutive word pairs of a text whose words are separated by single spaces, as 32-bit
 * FNV-1a hashes (numbers are cheaper to keep and compare than strings). A one-word text is
 * its word.
 */
export function wordPairs(text: string): Set<number> {
  const pairs = new Set<number>();
  let previous = 0;
  let current = 0x811c9dc5;
  let first = true;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    if (code === 32) {
      if (!first) pairs.add((Math.imul(previous, 0x01000193) ^ current) >>> 0);
      previous = current;
      current = 0x811c9dc5;
      first = false;
    } else {
      current = Math.imul(current ^ code, 0x01000193);
    }
  }
  if (pairs.size === 0) pairs.add(previous >>> 0);
  return pairs;
}

/** The Dice coefficient of two sets: 1 when equal, 0 when disjoint or when either is empty. */
export function dice(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const pair of small) if (large.has(pair)) shared++;
  return (2 * shared) / (a.size + b.size);
}
