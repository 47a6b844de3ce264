// Prose diff time against `git diff --no-index --word-diff` on the same files, in the same run:
// real 20-150 KB policy pairs from ../shared/corpus, a re-rendered case, a six-year rewrite
// and two unrelated policies. Target (issue 4): ours in-process no slower than git's whole
// process on each pair, and under 100 ms in the worst case.
// Run: npm run bench:diff -- [--write]
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { diffProse } from '../src/diff/prose.ts';
import { medianOf, writeSection } from './report.ts';

const corpus = '../shared/corpus';
const texts = '../shared/bench-texts';

type Pair = { name: string; before: string; after: string; kind: string };
const pairs: Pair[] = [];
for (const line of readFileSync(join(corpus, 'pairs.tsv'), 'utf8').trim().split('\n').slice(1)) {
  const [service, before, after] = line.split('\t');
  const a = join(corpus, before!);
  const b = join(corpus, after!);
  const kb = Math.max(statSync(a).size, statSync(b).size) / 1024;
  if (kb >= 20 && kb <= 150) pairs.push({ name: `${service} ${before!.split('/')[1]!.slice(0, 10)} → ${after!.split('/')[1]!.slice(0, 10)}`, before: a, after: b, kind: 'corpus' });
}
pairs.push(
  { name: 'google v1 → v2', before: join(texts, 'google_v1.md'), after: join(texts, 'google_v2.md'), kind: 'real edit' },
  { name: 'google v2 → v3', before: join(texts, 'google_v2.md'), after: join(texts, 'google_v3.md'), kind: 'real edit' },
  { name: 'google fmt a → b', before: join(texts, 'google_fmt_a.md'), after: join(texts, 'google_fmt_b.md'), kind: 're-rendered' },
  { name: 'google v3 → noise w1', before: join(texts, 'google_v3.md'), after: join(texts, 'google_v3_noise_w1.md'), kind: 're-rendered' },
  { name: 'google v3 → noise w2', before: join(texts, 'google_v3.md'), after: join(texts, 'google_v3_noise_w2.md'), kind: 're-rendered' },
  { name: 'google 2020 → v3', before: join(texts, 'google_2020.md'), after: join(texts, 'google_v3.md'), kind: 'rewrite' },
  { name: 'google v3 vs forbes', before: join(texts, 'google_v3.md'), after: join(texts, 'forbes_unrelated.md'), kind: 'unrelated' },
);

const runs = 11;
const rows = pairs.map((pair) => {
  const a = readFileSync(pair.before, 'utf8');
  const b = readFileSync(pair.after, 'utf8');
  diffProse(a, b);
  // Ours: from the two texts as read, blocks and all, in this process.
  const ours = medianOf(Array.from({ length: runs }, () => {
    const start = performance.now();
    diffProse(a, b);
    return performance.now() - start;
  }));
  const git = medianOf(Array.from({ length: runs }, () => {
    const start = performance.now();
    spawnSync('git', ['diff', '--no-index', '--word-diff', pair.before, pair.after], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return performance.now() - start;
  }));
  const result = diffProse(a, b);
  return { ...pair, kb: `${(a.length / 1024).toFixed(0)} → ${(b.length / 1024).toFixed(0)}`, ours, git, changes: result.changes.length };
});

const worst = Math.max(...rows.map((row) => row.ours));
const slower = rows.filter((row) => row.ours > row.git);
const lines = [
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}, ${spawnSync('git', ['--version'], { encoding: 'utf8' }).stdout.trim()}. Medians of ${runs} runs; ours is \`diffProse\` in-process from the raw texts (blocks, alignment, word diffs); git is the whole \`git diff --no-index --word-diff\` process on the same files.`,
  '',
  '| pair | kind | KB | changed blocks | ours | git | ours / git |',
  '|---|---|---:|---:|---:|---:|---:|',
  ...rows.map((row) => `| ${row.name} | ${row.kind} | ${row.kb} | ${row.changes} | ${row.ours.toFixed(1)} ms | ${row.git.toFixed(1)} ms | ${(row.ours / row.git).toFixed(2)} |`),
  '',
  `Worst case: ${worst.toFixed(1)} ms (target under 100 ms: **${worst < 100 ? 'met' : 'missed'}**). No slower than git on each pair: **${slower.length === 0 ? 'met' : `missed on ${slower.length} of ${rows.length}`}**${slower.length ? ` (${slower.map((row) => row.name).join(', ')})` : ''}.`,
];
console.log(lines.join('\n'));
if (process.argv.includes('--write')) writeSection('Prose diff against git (issue 4)', 'npm run bench:diff', lines.join('\n'));
