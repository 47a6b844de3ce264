/** One run of a sequence diff: `count` items equal, removed from `a` or added from `b`. */
export interface Run {
  op: 'equal' | 'removed' | 'added';
  count: number;
}

/**
 * Myers' O((N+M)·D) shortest edit script over two string arrays. Items are interned to
 * integers first, so the inner loop compares numbers. Used for words inside changed blocks
 * and for blocks between alignment anchors, where N, M and D stay small.
 */
export function diffSequences(a: readonly string[], b: readonly string[]): Run[];
/** With `maxEdits`: undefined when the shortest edit script is longer than that (it stops early). */
export function diffSequences(a: readonly string[], b: readonly string[], maxEdits: number): Run[] | undefined;
export function diffSequences(a: readonly string[], b: readonly string[], maxEdits = Number.POSITIVE_INFINITY): Run[] | undefined {
  const ids = new Map<string, number>();
  const intern = (items: readonly string[]) => {
    const out = new Int32Array(items.length);
    items.forEach((item, index) => {
      let id = ids.get(item);
      if (id === undefined) ids.set(item, (id = ids.size));
      out[index] = id;
    });
    return out;
  };
  const x = intern(a);
  const y = intern(b);
  const n = x.length;
  const m = y.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    if (d > maxEdits) return undefined;
    // Keep only diagonals -d..d of the state before step d: what backtracking reads.
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let i = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let j = i - k;
      while (i < n && j < m && x[i] === y[j]) {
        i++;
        j++;
      }
      v[offset + k] = i;
      if (i >= n && j >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk the trace back from (n, m) to (0, 0), collecting single steps.
  const steps: Run['op'][] = [];
  let i = n;
  let j = m;
  for (let d = trace.length - 1; d >= 0 && (i > 0 || j > 0); d--) {
    const previous = trace[d]!;
    const at = (diagonal: number) => previous[diagonal + d]!;
    const k = i - j;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousK = down ? k + 1 : k - 1;
    const previousI = d === 0 ? 0 : at(previousK);
    const previousJ = previousI - previousK;
    while (i > previousI && j > previousJ) {
      steps.push('equal');
      i--;
      j--;
    }
    if (d > 0) steps.push(down ? 'added' : 'removed');
    i = previousI;
    j = previousJ;
  }
  steps.reverse();
  const runs: Run[] = [];
  for (const op of steps) {
    const last = runs.at(-1);
    if (last && last.op === op) last.count++;
    else runs.push({ op, count: 1 });
  }
  return runs;
}
