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
// The same commands from the TypeScript sources (what bin/policy falls back to when the bundle is
// stale, and what every call cost before the bundle), for comparison; no target.
const sources = join(root, 'src/cli/main.ts');
const fromSources: Case[] = [
  { label: 'node src/cli/main.ts --help', command: [node, sources, '--help'], target: Infinity },
  { label: 'node src/cli/main.ts check policies/allai', command: [node, sources, 'check', 'policies/allai'], target: Infinity },
];

function time(command: string[]): number {
  const started = performance.now();
  const result = spawnSync(command[0]!, command.slice(1), { cwd: workspace, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command.join(' ')} exited ${result.status}: ${result.stderr}`);
  return elapsed;
}

// One unmeasured round: fills Node's compile cache, as every run after a user's first has it.
for (const entry of [baseline, ...cases, ...fromSources]) time(entry.command);
const samples = new Map<Case, number[]>([baseline, ...cases, ...fromSources].map((entry) => [entry, []]));
for (let round = 0; round < runs; round++) {
  for (const entry of [baseline, ...cases, ...fromSources]) samples.get(entry)!.push(time(entry.command));
}
const base = medianOf(samples.get(baseline)!);
const rows = [baseline, ...cases, ...fromSources].map((entry) => {
  const median = medianOf(samples.get(entry)!);
  const ratio = median / base;
  return { entry, median, ratio, met: entry === baseline || ratio <= entry.target, compared: entry === baseline || entry.target === Infinity };
});
const table = [
  '| command | median | ratio to baseline | target | |',
  '|---|---:|---:|---:|---|',
  ...rows.map(({ entry, median, ratio, met, compared }) => `| \`${entry.label}\` | ${median.toFixed(1)} ms | ${ratio.toFixed(2)}x | ${compared ? '' : `${entry.target}x`} | ${compared ? '' : met ? 'met' : '**not met**'} |`),
].join('\n');
const body = `Machine: ${cpus()[0]?.model.trim() ?? 'unknown'}, ${cpus().length} cores (load average ${loadavg()[0]!.toFixed(1)} at the end of the run), Node ${process.version}. Wall time of a whole process (spawn to exit), median of ${runs} interleaved runs after one warm-up run; the baseline is \`node -e 0\` on the same Node in the same run. The commands run \`bin/policy\` (the esbuild bundle in \`build/cli/\`) in \`test/fixtures/workspace/\`; the last rows run the TypeScript sources, for comparison.\n\n${table}\n\nWhere a check's time goes: \`--help\` loads the command table and nothing else, so it costs start-up only. \`check\` and \`diff\` are dominated by their work, not by start-up. Released snapshots are read through the snapshot cache (\`.policy/cache/\`, issue 20; warm here, as after any first run), so they are hashed, not parsed or linted again; what remains in \`check\` is parsing, validating and linting the draft and comparing it with the latest release (declarations and prose), and in \`diff\` the prose comparison of the two versions. Reaching 3x of \`node -e 0\` would need those cut (for instance a cheaper prose diff), not a faster start.\n`;
process.stdout.write(`${body}\n`);
if (process.argv.includes('--write')) writeSection('Start-up of the policy command (issue 11)', 'npm run bench:startup -- --write', body);
