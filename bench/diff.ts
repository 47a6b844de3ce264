// `policy diff` against `git diff --no-index --word-diff`, each compared only with its own kind,
// in the same run:
// - whole processes: `bin/policy diff A B` (the esbuild bundle, rebuilt first) against git's
//   whole process on the same files, alternated, median of 11 after a warm-up of at least 1 s.
//   Target (issue 20): within 10x of git on two ~110 KB plain texts. Two floors are measured
//   alongside: the project's Node starting and exiting (`node -e 0`), and `policy --version`.
// - in process: `diffProse` (blocks, alignment, word diffs) against jsdiff's `diffWords` (a
//   well-kept word diff library, the in-process kin of `git --word-diff`) on the same texts,
//   medians after a warm-up of at least 1 s. Target (issue 4): under 100 ms in the worst case.
// Pairs: real 20-150 KB policy pairs from ../shared/corpus, the 112 KB google versions,
// re-rendered cases, a six-year rewrite and two unrelated policies.
// Run: npm run bench:diff -- [--write] [--policy <path of another checkout's bin/policy>]
//   [--baseline <path of another checkout's bin/policy>: also run that one, alternated with
//   ours and git, for a before/after comparison in the same run; --baseline-label <text> names it
//   in the table]
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { diffWords } from 'diff';
import { buildCli } from '../scripts/build-cli.ts';
import { classifyProse } from '../src/classify/prose.ts';
import { diffProse } from '../src/diff/prose.ts';
import { medianOf, writeSection } from './report.ts';

const corpus = '../shared/corpus';
const texts = '../shared/bench-texts';
const warmUpMs = 1000;
const processRuns = 11;
const functionRuns = 11;
/** jsdiff gives up on a pair after this long (it is quadratic on texts that share little). */
const jsdiffTimeout = 1000;

type Pair = { name: string; before: string; after: string; kind: string };
const pairs: Pair[] = [];
for (const line of readFileSync(join(corpus, 'pairs.tsv'), 'utf8').trim().split('\n').slice(1)) {
  const [service, before, after] = line.split('\t');
  const a = join(corpus, before!);
  const b = join(corpus, after!);
  const kb = Math.max(statSync(a).size, statSync(b).size) / 1024;
  if (kb >= 20 && kb <= 150) pairs.push({ name: `${service} ${before!.split('/')[1]!.slice(0, 10)} → ${after!.split('/')[1]!.slice(0, 10)}`, before: a, after: b, kind: 'corpus' });
}
const large: Pair[] = [
  { name: 'google v1 → v2', before: join(texts, 'google_v1.md'), after: join(texts, 'google_v2.md'), kind: 'real edit' },
  { name: 'google v2 → v3', before: join(texts, 'google_v2.md'), after: join(texts, 'google_v3.md'), kind: 'real edit' },
  { name: 'google fmt a → b', before: join(texts, 'google_fmt_a.md'), after: join(texts, 'google_fmt_b.md'), kind: 're-rendered' },
  { name: 'google v3 → noise w1', before: join(texts, 'google_v3.md'), after: join(texts, 'google_v3_noise_w1.md'), kind: 're-rendered' },
  { name: 'google v3 → noise w2', before: join(texts, 'google_v3.md'), after: join(texts, 'google_v3_noise_w2.md'), kind: 're-rendered' },
  { name: 'google 2020 → v3', before: join(texts, 'google_2020.md'), after: join(texts, 'google_v3.md'), kind: 'rewrite' },
  { name: 'google v3 vs forbes', before: join(texts, 'google_v3.md'), after: join(texts, 'forbes_unrelated.md'), kind: 'unrelated' },
];
pairs.push(...large);
const structured: Pair = { name: 'ALLAI 1.0.0 → 1.0.1', before: 'test/fixtures/workspace/policies/allai/versions/1.0.0.md', after: 'test/fixtures/workspace/policies/allai/versions/1.0.1.md', kind: 'structured policy' };

const flag = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const other = flag('--policy');
// The bundle bin/policy runs; a stale one would measure the TypeScript sources instead.
if (!other) await buildCli(process.cwd());
const policy = resolve(other ?? 'bin/policy');
const baseline = flag('--baseline');
/** What the baseline is, in the table's heading (default: its path). */
const baselineLabel = flag('--baseline-label') ?? baseline;
const node = resolve('node_modules/.bin/node');

// ---- Whole processes: ours and git's, alternated ----

/**
 * The CPU time (user + system, ms) of this process's children that have ended, from Linux's
 * /proc/self/stat (cutime, cstime, in clock ticks of 10 ms: precise as a sum over many runs,
 * not one by one); undefined elsewhere. Unlike the wall clock, it does not count waiting for
 * the other processes of a shared machine.
 */
function childrenCpu(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /s, '').split(' ');
    // Fields 16 and 17 of proc(5), counted from the state (field 3) here.
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

/** Wall-clock time of one whole process, its output read through a pipe as a user's terminal or script would; adds its CPU time to `cpu`. */
function timeProcess(command: string, args: readonly string[], cpu?: number[]): number {
  const cpuBefore = childrenCpu();
  const start = performance.now();
  const result = spawnSync(command, args, { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  const elapsed = performance.now() - start;
  const cpuAfter = childrenCpu();
  if (result.error) throw result.error;
  if (cpu && cpuBefore !== undefined && cpuAfter !== undefined) cpu.push(cpuAfter - cpuBefore);
  return elapsed;
}

type Command = { name: string; command: string; args: string[] };
const git = (pair: Pair): Command => ({ name: 'git', command: 'git', args: ['diff', '--no-index', '--word-diff', pair.before, pair.after] });
const ours = (pair: Pair): Command => ({ name: 'policy diff', command: policy, args: ['diff', pair.before, pair.after] });

/** Each command's median wall-clock time and mean CPU time, the commands alternated run by run (their order swapped every run). */
function alternatedWithCpu(commands: readonly Command[]): { wall: number; cpu: number | undefined }[] {
  const times = commands.map(() => [] as number[]);
  const cpu = commands.map(() => [] as number[]);
  for (let run = 0; run < processRuns; run++) {
    const order = run % 2 === 0 ? commands.map((_, index) => index) : commands.map((_, index) => commands.length - 1 - index);
    for (const index of order) times[index]!.push(timeProcess(commands[index]!.command, commands[index]!.args, cpu[index]));
  }
  return times.map((wall, index) => ({ wall: medianOf(wall), cpu: cpu[index]!.length === processRuns ? cpu[index]!.reduce((sum, value) => sum + value, 0) / processRuns : undefined }));
}

/** Each command's median wall-clock time, alternated as {@link alternatedWithCpu} does. */
function alternated(commands: readonly Command[]): number[] {
  return alternatedWithCpu(commands).map((measure) => measure.wall);
}

const processPairs = [...large, structured];
// Warm-up by time: disk cache, Node's compile cache, git's own start.
const warmStart = performance.now();
do {
  for (const pair of processPairs) for (const command of [git(pair), ours(pair)]) timeProcess(command.command, command.args);
} while (performance.now() - warmStart < warmUpMs);

const floorPair = large[0]!;
const [nodeStart, policyVersion, gitFloor] = alternated([
  { name: 'node', command: node, args: ['-e', '0'] },
  { name: 'policy --version', command: policy, args: ['--version'] },
  git(floorPair),
]);
const processRows = processPairs.map((pair) => {
  const [oursTime, gitTime, baselineTime] = alternatedWithCpu([ours(pair), git(pair), ...(baseline ? [{ name: 'baseline', command: resolve(baseline), args: ['diff', pair.before, pair.after] }] : [])]);
  return { pair, ours: oursTime!.wall, git: gitTime!.wall, oursCpu: oursTime!.cpu, gitCpu: gitTime!.cpu, baseline: baselineTime?.wall, baselineCpu: baselineTime?.cpu };
});
const plainRows = processRows.filter((row) => row.pair.kind !== 'structured policy');
const worstPlain = Math.max(...plainRows.map((row) => row.ours / row.git));

// ---- In process: our prose diff and classification against jsdiff's word diff ----

const loaded = pairs.map((pair) => ({ pair, a: readFileSync(pair.before, 'utf8'), b: readFileSync(pair.after, 'utf8') }));
const modelStart = performance.now();
classifyProse(loaded[0]!.a, `${loaded[0]!.b}\n\nWe share your email address with advertisers.\n`);
// The first classification in a process loads the language model.
const modelLoad = performance.now() - modelStart;
const functionWarmStart = performance.now();
do {
  for (const { a, b } of loaded) diffProse(a, b);
} while (performance.now() - functionWarmStart < warmUpMs);

const timed = (work: () => unknown) => {
  const start = performance.now();
  work();
  return performance.now() - start;
};
const functionRows = loaded.map(({ pair, a, b }) => {
  const prose = medianOf(Array.from({ length: functionRuns }, () => timed(() => diffProse(a, b))));
  const classify = pair.kind === 'corpus' ? undefined : medianOf(Array.from({ length: functionRuns }, () => timed(() => classifyProse(a, b))));
  // jsdiff answers undefined when it gives up: measured once then, not eleven times.
  let jsdiff: number | undefined;
  const first = performance.now();
  if (diffWords(a, b, { timeout: jsdiffTimeout }) !== undefined) {
    const times = [performance.now() - first, ...Array.from({ length: functionRuns - 1 }, () => timed(() => diffWords(a, b, { timeout: jsdiffTimeout })))];
    jsdiff = medianOf(times);
  }
  return { pair, kb: `${(a.length / 1024).toFixed(0)} → ${(b.length / 1024).toFixed(0)}`, prose, classify, jsdiff, changes: diffProse(a, b).changes.length };
});
const worstFunction = Math.max(...functionRows.map((row) => row.prose));
const compared = functionRows.filter((row) => row.jsdiff !== undefined);
const ratioMedian = medianOf(compared.map((row) => row.prose / row.jsdiff!));

const ms = (value: number) => `${value.toFixed(1)} ms`;
const cpuCell = (value: number | undefined) => (value === undefined ? 'n/a' : ms(value));
const lines = [
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} when the run ended, Node ${process.version}, ${spawnSync('git', ['--version'], { encoding: 'utf8' }).stdout.trim()}. Wall-clock medians: the machine is shared, so compare ratios within this run.`,
  '',
  '### Whole process against whole process',
  '',
  `\`${other ? other : 'bin/policy'} diff A B\` (the esbuild bundle in build/cli/, output piped) against \`git diff --no-index --word-diff A B\`, the two alternated run by run, median of ${processRuns} each after at least ${warmUpMs / 1000} s of warm-up; CPU is the mean user + system time of the same runs (Linux's accounting of ended child processes), which waiting for other processes does not inflate. The floors, measured the same way: the project's Node starting and exiting (\`node -e 0\`) ${ms(nodeStart!)}, \`policy --version\` ${ms(policyVersion!)}, git on google v1 → v2 ${ms(gitFloor!)}; Node's own start alone is ${(nodeStart! / gitFloor!).toFixed(1)}x git's whole diff.`,
  '',
  `| pair | kind | policy diff | git --word-diff | policy / git | policy minus \`node -e 0\` | CPU: policy diff | CPU: git | CPU: policy / git |${baseline ? ` ${baselineLabel} | baseline / git | CPU: baseline |` : ''}`,
  `|---|---|---:|---:|---:|---:|---:|---:|---:|${baseline ? '---:|---:|---:|' : ''}`,
  ...processRows.map(
    (row) =>
      `| ${row.pair.name} | ${row.pair.kind} | ${ms(row.ours)} | ${ms(row.git)} | ${(row.ours / row.git).toFixed(1)}x | ${ms(row.ours - nodeStart!)} | ${cpuCell(row.oursCpu)} | ${cpuCell(row.gitCpu)} | ${row.oursCpu !== undefined && row.gitCpu ? `${(row.oursCpu / row.gitCpu).toFixed(1)}x` : ''} |${row.baseline === undefined ? '' : ` ${ms(row.baseline)} | ${(row.baseline / row.git).toFixed(1)}x | ${cpuCell(row.baselineCpu)} |`}`,
  ),
  '',
  `Target (issue 20): \`policy diff A.md B.md\` on two ~110 KB plain texts within 10x of git's whole process: **${worstPlain <= 10 ? 'met' : 'missed'}** (worst ${worstPlain.toFixed(1)}x).`,
  '',
  '### In process against in process',
  '',
  `\`diffProse\` (blocks, alignment, word diffs, from the raw texts) and, for the large pairs, \`classifyProse\` (the prose verdict: the diff, then the language model reading the changed sentences; the model itself loads once per process, from the package's JSON as the sources read it (the bundle reads the derived form in build/cli/english-model.bin), here in ${ms(modelLoad)}), against jsdiff ${JSON.parse(readFileSync('node_modules/diff/package.json', 'utf8')).version} \`diffWords\` on the same texts in the same process (given up after ${jsdiffTimeout / 1000} s: "gave up"). Medians of ${functionRuns} after at least ${warmUpMs / 1000} s of warm-up.`,
  '',
  '| pair | kind | KB | changed blocks | diffProse | classifyProse | jsdiff diffWords | diffProse / jsdiff |',
  '|---|---|---:|---:|---:|---:|---:|---:|',
  ...functionRows.map((row) => `| ${row.pair.name} | ${row.pair.kind} | ${row.kb} | ${row.changes} | ${ms(row.prose)} | ${row.classify === undefined ? '' : ms(row.classify)} | ${row.jsdiff === undefined ? 'gave up' : ms(row.jsdiff)} | ${row.jsdiff === undefined ? '' : (row.prose / row.jsdiff).toFixed(2)} |`),
  '',
  `Worst diffProse: ${ms(worstFunction)} (target under 100 ms: **${worstFunction < 100 ? 'met' : 'missed'}**). Median ratio to jsdiff where jsdiff finished: ${ratioMedian.toFixed(2)} (${compared.length} of ${functionRows.length} pairs).`,
];
console.log(lines.join('\n'));
if (process.argv.includes('--write')) writeSection('Prose diff against git (issue 4)', 'npm run bench:diff', lines.join('\n'));
