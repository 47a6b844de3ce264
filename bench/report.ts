// Writes one benchmark's results into docs/benchmarks.md, replacing that benchmark's earlier
// section and keeping the others.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const path = 'docs/benchmarks.md';
const header = '# Benchmarks\n\nFigures measured by the scripts in `bench/`, rewritten by each run with `--write`. Timings on shared 2-core machines are noisy: compare the ratios measured in the same run, not absolute times across runs.\n';

/** The median of some measurements (the upper one of the middle two for an even count). */
export function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Median time of `runs` calls of `task`, in milliseconds, after a warm-up of at least
 * `warmUpMs` and one call: by time, not by count, since the optimiser settles over the first
 * second or so, whatever one call costs (issue 20 found five warm-up calls misleading).
 */
export function medianTime(task: () => void, runs: number, warmUpMs = 1000): number {
  const until = performance.now() + warmUpMs;
  do task();
  while (performance.now() < until);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    task();
    times.push(performance.now() - start);
  }
  return medianOf(times);
}

/** Replace (or append) the section headed `title` in docs/benchmarks.md. */
export function writeSection(title: string, command: string, body: string): void {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : header;
  const begin = `<!-- bench:${title} -->`;
  const end = `<!-- /bench:${title} -->`;
  const section = `${begin}\n## ${title}\n\nCommand: \`${command}\`. Measured ${new Date().toISOString().slice(0, 10)}.\n\n${body}\n${end}`;
  const pattern = new RegExp(`${escape(begin)}[\\s\\S]*?${escape(end)}`);
  const next = pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, next);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
