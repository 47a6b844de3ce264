// Material-change detection on the labelled corpus: the confusion table, and the time of
// each pair next to `git diff --no-index --word-diff` on the same files in the same run.
// Targets (issue 7): each pair under 100 ms median, none over 1 s.
// Run: npm run bench:corpus -- [--write]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { classifyProse } from '../src/classify/prose.ts';
import { corpusRoot, evaluate } from '../test/support/corpus.ts';
import { writeSection } from './report.ts';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const runs = 7;
const evaluation = evaluate();
const rows = evaluation.results.map(({ pair, verdict }) => {
  const a = readFileSync(join(corpusRoot, pair.before), 'utf8');
  const b = readFileSync(join(corpusRoot, pair.after), 'utf8');
  const times = Array.from({ length: runs }, () => {
    const start = performance.now();
    classifyProse(a, b);
    return performance.now() - start;
  });
  const git = median(Array.from({ length: runs }, () => {
    const start = performance.now();
    spawnSync('git', ['diff', '--no-index', '--word-diff', join(corpusRoot, pair.before), join(corpusRoot, pair.after)], { maxBuffer: 64 * 1024 * 1024 });
    return performance.now() - start;
  }));
  return { pair, verdict, ours: median(times), worst: Math.max(...times), git };
});

const { confusion } = evaluation;
const slowest = Math.max(...rows.map((row) => row.worst));
const medianOfMedians = median(rows.map((row) => row.ours));
const lines = [
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}. ${rows.length} labelled pairs from ../shared/corpus (8 services). Verdicts from \`classifyProse\` (rules and lexicons in src/classify/, no model).`,
  '',
  '| | labelled material | labelled non-material |',
  '|---|---:|---:|',
  `| flagged material | ${confusion.truePositive} | ${confusion.falsePositive} |`,
  `| not flagged | ${confusion.falseNegative} | ${confusion.trueNegative} |`,
  '',
  `Accuracy ${(evaluation.accuracy * 100).toFixed(0)}%, material recall ${(evaluation.materialRecall * 100).toFixed(0)}%, false alarms ${(evaluation.falseAlarmRate * 100).toFixed(0)}% of non-material pairs. Missed material pairs that are not borderline: **${evaluation.missedClear.length}** (target 0). False-alarm rate target at most 10%: **${evaluation.falseAlarmRate <= 0.1 ? 'met' : 'missed'}**.`,
  '',
  'Pairs judged differently from their label:',
  '',
  ...rows.filter(({ pair, verdict }) => pair.material !== verdict.material).map(({ pair, verdict }) => `- ${pair.service} \`${pair.after}\`: labelled ${pair.material ? 'material' : 'non-material'}${pair.borderline ? ' (borderline)' : ''}, judged ${verdict.material ? `material (${verdict.reasons[0]?.term})` : 'non-material'}. Label note: ${pair.note}`),
  '',
  '| pair | label | verdict | ours (median) | git --word-diff |',
  '|---|---|---|---:|---:|',
  ...rows.map(({ pair, verdict, ours, git }) => `| ${pair.service} ${pair.after.split('/')[1]!.slice(0, 10)} | ${pair.material ? 'material' : 'non-material'}${pair.borderline ? '*' : ''} | ${verdict.material ? `material ${verdict.direction}` : 'non-material'} | ${ours.toFixed(1)} ms | ${git.toFixed(1)} ms |`),
  '',
  `\\* borderline. Median of the per-pair medians ${medianOfMedians.toFixed(1)} ms; slowest single run ${slowest.toFixed(1)} ms. Targets: every pair under 100 ms median: **${rows.every((row) => row.ours < 100) ? 'met' : 'missed'}**; none over 1 s: **${slowest < 1000 ? 'met' : 'missed'}**.`,
];
console.log(lines.join('\n'));
if (process.argv.includes('--write')) writeSection('Material-change detection on the corpus (issue 7)', 'npm run bench:corpus', lines.join('\n'));
