// Whole-process start-up of the `policy` command, as a user or a pre-commit hook pays it:
// `bin/policy` (the esbuild bundle) against `node -e 0` on the same Node, in the same run,
// interleaved so that a load change on the machine hits every command alike. Median of at
// least seven runs each. `--write` puts the figures into docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { medianOf, writeSection } from './report.ts';

const root = resolve(import.meta.dirname, '..');
const runs = Math.max(7, Number(process.argv.find((arg) => arg.startsWith('--runs='))?.slice(7) ?? 9));
// The frozen copy of the policies, so the figures do not move with a draft in progress.
const workspace = join(root, 'test/fixtures/workspace');
const node = process.execPath;
const bin = join(root, 'bin/policy');
if (!existsSync(join(root, 'build/cli/main.js'))) throw new Error('no bundle: run npm run build:cli first');

interface Case {
  label: string;
  command: string[];
  /** Target: at most this many times the baseline. */
  target: number;
}
const baseline: Case = { label: 'node -e 0 (baseline)', command: [node, '-e', '0'], target: 1 };
const cases: Case[] = [
  { label: 'policy --help', command: [bin, '--help'], target: 1.5 },
  { label: 'policy check policies/allai', command: [bin, 'check', 'policies/allai'], target: 3 },
  { label: 'policy diff allai 1.0.0 1.0.1', command: [bin, 'diff', 'allai', '1.0.0', '1.0.1'], target: 3 },
];

function time(command: string[]): number {
  const started = performance.now();
  const result = spawnSync(command[0]!, command.slice(1), { cwd: workspace, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command.join(' ')} exited ${result.status}: ${result.stderr}`);
  return elapsed;
}

// One unmeasured round: fills Node's compile cache, as every run after a user's first has it.
for (const entry of [baseline, ...cases]) time(entry.command);
const samples = new Map<Case, number[]>([baseline, ...cases].map((entry) => [entry, []]));
for (let round = 0; round < runs; round++) {
  for (const entry of [baseline, ...cases]) samples.get(entry)!.push(time(entry.command));
}
const base = medianOf(samples.get(baseline)!);
const rows = [baseline, ...cases].map((entry) => {
  const median = medianOf(samples.get(entry)!);
  const ratio = median / base;
  return { entry, median, ratio, met: entry === baseline || ratio <= entry.target };
});
const table = [
  '| command | median | ratio to baseline | target | |',
  '|---|---:|---:|---:|---|',
  ...rows.map(({ entry, median, ratio, met }) => `| \`${entry.label}\` | ${median.toFixed(1)} ms | ${ratio.toFixed(2)}x | ${entry === baseline ? '' : `${entry.target}x`} | ${entry === baseline ? '' : met ? 'met' : '**not met**'} |`),
].join('\n');
const body = `Machine: ${cpus()[0]?.model.trim() ?? 'unknown'}, ${cpus().length} cores (load average ${loadavg()[0]!.toFixed(1)} at the end of the run), Node ${process.version}. Wall time of a whole process (spawn to exit), median of ${runs} interleaved runs after one warm-up run; the baseline is \`node -e 0\` on the same Node in the same run. The commands run \`bin/policy\` (the esbuild bundle in \`build/cli/\`) in \`test/fixtures/workspace/\`.\n\n${table}\n`;
process.stdout.write(`${body}\n`);
if (process.argv.includes('--write')) writeSection('Start-up of the policy command (issue 11)', 'npm run bench:startup -- --write', body);
