// How the commands scale with history: synthetic workspaces with 2, 20 and 100 released
// versions of one policy, and with 10 and 50 policies of 2 versions each. Each workspace is a
// git repository whose history is made as users make it: every release through the real
// `releasePolicy` (a patch release of the minimal policy a day), then committed.
//
// The first table times the commands users run, as whole processes: `bin/policy check`,
// `release` (the next version, each run on a fresh copy of the repository), `diff` between
// the first two versions, and `build --no-pack`, after `npm run build:cli` (which this script
// runs first). The workspaces are alternated run by run, after a time-based warm-up; the
// figures are medians of the CPU time (user + system, from /usr/bin/time) and of the wall time.
// The second table times the same steps in this process (no Node start-up, no bundle load),
// with the same warm cache. Ratios are to the 2-version (1-policy) case measured in the same
// run. `--write` puts the figures into docs/benchmarks.md; `--samples=N` sets the runs per
// figure (default 9).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { comparePolicies } from '../src/compare/compare.ts';
import { releasePolicy } from '../src/history/release.ts';
import { buildWorkspace } from '../src/workspace/build.ts';
import { checkPaths } from '../src/workspace/check.ts';
import { sidesToCompare } from '../src/workspace/sides.ts';
import { importCosts, type ImportCost } from './import-cost.ts';
import { medianOf, writeSection } from './report.ts';

const root = resolve(import.meta.dirname, '..');
const samples = Math.max(3, Number(process.argv.find((arg) => arg.startsWith('--samples='))?.slice(10) ?? 9));
const warmUpMs = 1000;
const minimal = readFileSync(join(root, 'test/fixtures/policies/minimal/policy.md'), 'utf8');
const policyBin = join(root, 'bin/policy');
const timeBin = ['/usr/bin/time', '/bin/time'].find((path) => existsSync(path));
const scratch = mkdtempSync(join(tmpdir(), 'bench-scale-'));

/** The day `index` days after 2026-01-01, as YYYY-MM-DD. */
const day = (index: number) => new Date(Date.UTC(2026, 0, 1 + index)).toISOString().slice(0, 10);

/** Version 1.0.<index> of the minimal policy `id`: a prose change each time, so a patch release. */
function draft(id: string, index: number): string {
  return minimal
    .replace('id: minimal', `id: ${id}`)
    .replace('version: 1.0.0', `version: 1.0.${index}`)
    .replace(/effective: 2026-01-01/, `effective: ${day(index)}`)
    .replace('when you sign up.', `when you sign up (revision ${index}).`);
}

function git(cwd: string, ...args: string[]): void {
  const result = spawnSync('git', ['-c', 'user.email=bench@example.com', '-c', 'user.name=Bench', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
}

/** A synthetic workspace under test. */
interface Workspace {
  label: string;
  dir: string;
  versions: number;
  /** Whether release and diff are measured here (the one-policy histories). */
  history: boolean;
}

/**
 * A git repository with `policies` policies, each released `versions` times (one commit per
 * release day), made in the workspace as a user would, so its snapshot cache is the one a
 * user has after their own commands.
 */
async function makeWorkspace(label: string, policies: number, versions: number): Promise<Workspace & { setupMs: number }> {
  const dir = join(scratch, label.replace(/\W+/g, '-'));
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q');
  writeFileSync(join(dir, '.gitignore'), '.policy/\ndist/\n');
  const started = performance.now();
  const back = process.cwd();
  process.chdir(dir);
  try {
    for (let index = 0; index < versions; index++) {
      for (let policy = 0; policy < policies; policy++) {
        const folder = join(dir, 'policies', `p${policy}`);
        mkdirSync(folder, { recursive: true });
        writeFileSync(join(folder, 'policy.md'), draft(`p${policy}`, index));
        const result = await releasePolicy(folder, day(index));
        if (!result.entry) throw new Error(`release ${index} of p${policy} failed: ${result.refusal ?? result.files.flatMap((file) => file.messages.map(String)).join('; ')}`);
      }
      git(dir, 'add', '-A');
      git(dir, 'commit', '-qm', `Release of ${day(index)}`);
    }
  } finally {
    process.chdir(back);
  }
  return { label, dir, versions, history: policies === 1, setupMs: performance.now() - started };
}

/** A fresh copy of a workspace with the next version of p0 drafted: what `release` runs on. */
let copies = 0;
function releaseCopy(workspace: Workspace): string {
  const copy = join(scratch, `release-${copies++}`);
  cpSync(workspace.dir, copy, { recursive: true });
  writeFileSync(join(copy, 'policies', 'p0', 'policy.md'), draft('p0', workspace.versions));
  return copy;
}

/** One run of the CLI as a whole process: wall and CPU (user + system) milliseconds. */
interface ProcessTime {
  wall: number;
  cpu: number;
}

function runCli(cwd: string, args: readonly string[]): ProcessTime {
  const report = join(scratch, 'time.txt');
  const command = timeBin ? [timeBin, '-f', '%U %S', '-o', report, policyBin, ...args] : [policyBin, ...args];
  const started = performance.now();
  const result = spawnSync(command[0]!, command.slice(1), { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wall = performance.now() - started;
  if (result.status !== 0) throw new Error(`policy ${args.join(' ')} in ${cwd} exited ${result.status}: ${result.stderr}${result.stdout.slice(0, 2000)}`);
  if (/changed since build\/cli\/ was built/.test(result.stderr)) throw new Error('bin/policy ran the sources, not the bundle: run `npm run build:cli`');
  const [user, system] = timeBin ? readFileSync(report, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number) : [Number.NaN, Number.NaN];
  return { wall, cpu: (user! + system!) * 1000 };
}

/** A command measured on each workspace: how to run it (and what to prepare, untimed, first). */
interface Command {
  name: string;
  applies: (workspace: Workspace) => boolean;
  run: (workspace: Workspace) => ProcessTime;
}

const commands: Command[] = [
  { name: 'check', applies: () => true, run: (workspace) => runCli(workspace.dir, ['check', '--date', day(workspace.versions), 'policies']) },
  {
    name: 'release',
    applies: (workspace) => workspace.history,
    run: (workspace) => {
      const copy = releaseCopy(workspace);
      try {
        return runCli(copy, ['release', 'p0', '--date', day(workspace.versions)]);
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    },
  },
  { name: 'diff', applies: (workspace) => workspace.history, run: (workspace) => runCli(workspace.dir, ['diff', 'p0', '1.0.0', '1.0.1']) },
  { name: 'build', applies: () => true, run: (workspace) => runCli(workspace.dir, ['build', '--no-pack', '--out', 'dist', 'policies']) },
];

/**
 * Each command on every workspace it applies to, alternated run by run so that a busy moment
 * of a shared machine falls on all of them alike: a time-based warm-up (at least `warmUpMs`
 * and one run of each), then `samples` rounds. Medians by command and workspace.
 */
function measureProcesses(workspaces: readonly Workspace[]): Map<string, ProcessTime> {
  const medians = new Map<string, ProcessTime>();
  for (const command of commands) {
    const targets = workspaces.filter(command.applies);
    const until = performance.now() + warmUpMs;
    do for (const workspace of targets) command.run(workspace);
    while (performance.now() < until);
    const times = new Map<string, ProcessTime[]>(targets.map((workspace) => [workspace.label, []]));
    for (let round = 0; round < samples; round++) for (const workspace of targets) times.get(workspace.label)!.push(command.run(workspace));
    for (const [label, runs] of times) medians.set(`${command.name} ${label}`, { wall: medianOf(runs.map((run) => run.wall)), cpu: medianOf(runs.map((run) => run.cpu)) });
    process.stderr.write(`measured ${command.name} as a process\n`);
  }
  return medians;
}

/** This process's CPU time (user + system) and the wall time of `action`, in milliseconds. */
async function timed(action: () => Promise<unknown>): Promise<ProcessTime> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await action();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

const medianTime = (times: readonly ProcessTime[]): ProcessTime => ({ wall: medianOf(times.map((time) => time.wall)), cpu: medianOf(times.map((time) => time.cpu)) });

/** Median of `samples` timings, after a time-based warm-up (at least `warmUpMs` and one run). */
async function median(action: () => Promise<unknown>): Promise<ProcessTime> {
  const until = performance.now() + warmUpMs;
  do await action();
  while (performance.now() < until);
  const times: ProcessTime[] = [];
  for (let run = 0; run < samples; run++) times.push(await timed(action));
  return medianTime(times);
}

/** The in-process figures of one workspace. */
interface InProcessRow {
  release?: ProcessTime;
  check: ProcessTime;
  diff?: ProcessTime;
  build: ProcessTime;
}

/** The same steps in this process, with the workspace as the working directory (its cache). */
async function measureInProcess(workspace: Workspace): Promise<InProcessRow> {
  const back = process.cwd();
  process.chdir(workspace.dir);
  try {
    const policies = join(workspace.dir, 'policies');
    const row: InProcessRow = { check: { wall: 0, cpu: 0 }, build: { wall: 0, cpu: 0 } };
    if (workspace.history) {
      // Each release on its own fresh copy, made before the clock starts.
      const release = async () => {
        const copy = releaseCopy(workspace);
        try {
          return await timed(async () => {
            const result = await releasePolicy(join(copy, 'policies', 'p0'), day(workspace.versions));
            if (!result.entry) throw new Error(`the measured release failed: ${result.refusal}`);
          });
        } finally {
          rmSync(copy, { recursive: true, force: true });
        }
      };
      const until = performance.now() + warmUpMs;
      do await release();
      while (performance.now() < until);
      const times: ProcessTime[] = [];
      for (let run = 0; run < samples; run++) times.push(await release());
      row.release = medianTime(times);
      row.diff = await median(async () => comparePolicies(...(await sidesToCompare([join(policies, 'p0'), '1.0.0', '1.0.1'], undefined))));
    }
    row.check = await median(() => checkPaths([policies], undefined, { today: day(workspace.versions), anchor: 'available' }));
    const out = join(workspace.dir, 'dist-in-process');
    row.build = await median(async () => {
      rmSync(out, { recursive: true, force: true });
      const outcome = await buildWorkspace([policies], { out, pack: false, cwd: root });
      if (!outcome.built) throw new Error(`build failed: ${JSON.stringify(outcome)}`);
    });
    return row;
  } finally {
    process.chdir(back);
  }
}

const built = spawnSync(process.execPath, [join(root, 'scripts/build-cli.ts')], { cwd: root, encoding: 'utf8' });
if (built.status !== 0) throw new Error(`npm run build:cli failed: ${built.stderr}`);

const shapes: [string, number, number][] = [
  ['1 policy, 2 versions', 1, 2],
  ['1 policy, 20 versions', 1, 20],
  ['1 policy, 100 versions', 1, 100],
  ['10 policies, 2 versions', 10, 2],
  ['50 policies, 2 versions', 50, 2],
];
const workspaces: (Workspace & { setupMs: number })[] = [];
let processTimes: Map<string, ProcessTime>;
const imports = new Map<string, ImportCost>();
const inProcess = new Map<string, InProcessRow>();
try {
  for (const [label, policies, versions] of shapes) {
    workspaces.push(await makeWorkspace(label, policies, versions));
    process.stderr.write(`made ${label}\n`);
  }
  processTimes = measureProcesses(workspaces);
  // Every workspace's module in the same runs, taking turns: the ratios compare like with like.
  const costs = importCosts(workspaces.map((workspace) => join(workspace.dir, 'dist', 'rules', 'p0', 'index.js')), Math.max(21, samples * 4));
  workspaces.forEach((workspace, index) => imports.set(workspace.label, costs[index]!));
  for (const workspace of workspaces) {
    inProcess.set(workspace.label, await measureInProcess(workspace));
    process.stderr.write(`measured ${workspace.label} in process\n`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const base = workspaces[0]!.label;
const ratio = (value: number | undefined, of: number | undefined) => (value === undefined || of === undefined || !Number.isFinite(value) || !Number.isFinite(of) ? '' : `${(value / of).toFixed(2)}x`);
const ms = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? '' : `${value.toFixed(1)} ms`);
const cell = (name: string, label: string) => {
  const time = processTimes.get(`${name} ${label}`);
  const of = processTimes.get(`${name} ${base}`);
  return time ? `${ms(time.cpu)} (${ms(time.wall)}) | ${ratio(time.cpu, of?.cpu)} (${ratio(time.wall, of?.wall)})` : ' | ';
};
const ms2 = (value: number) => `${value.toFixed(2)} ms`;
const processTable = [
  '| history | release next: CPU (wall) | ratio | check | ratio | diff 1.0.0..1.0.1 | ratio | build | ratio |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...workspaces.map(({ label }) => `| ${label} | ${cell('release', label)} | ${cell('check', label)} | ${cell('diff', label)} | ${cell('build', label)} |`),
].join('\n');
const importTable = [
  '| history | rules import, CPU | ratio | wall (median, least) | import minus empty module, CPU | first can(), CPU |',
  '|---|---:|---:|---:|---:|---:|',
  ...workspaces.map(({ label }) => {
    const imported = imports.get(label)!;
    return `| ${label} | ${ms2(imported.module.cpu)} | ${ratio(imported.module.cpu, imports.get(base)!.module.cpu)} | ${ms2(imported.module.wall)}, ${ms2(imported.module.wallMin)} | ${ms2(imported.own.cpu)} | ${ms2(imported.firstCan.cpu)} |`;
  }),
].join('\n');
const baseRow = inProcess.get(base)!;
const inProcessCell = (time: ProcessTime | undefined, of: ProcessTime | undefined) => (time ? `${ms(time.cpu)} (${ms(time.wall)}) | ${ratio(time.cpu, of?.cpu)} (${ratio(time.wall, of?.wall)})` : ' | ');
const inProcessTable = [
  '| history | release next: CPU (wall) | ratio | check | ratio | diff 1.0.0..1.0.1 | ratio | build | ratio |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...workspaces.map(({ label }) => {
    const row = inProcess.get(label)!;
    return `| ${label} | ${inProcessCell(row.release, baseRow.release)} | ${inProcessCell(row.check, baseRow.check)} | ${inProcessCell(row.diff, baseRow.diff)} | ${inProcessCell(row.build, baseRow.build)} |`;
  }),
].join('\n');

const hundred = '1 policy, 100 versions';
const cpuRatio = (name: string) => processTimes.get(`${name} ${hundred}`)!.cpu / processTimes.get(`${name} ${base}`)!.cpu;
const wallRatio = (name: string) => processTimes.get(`${name} ${hundred}`)!.wall / processTimes.get(`${name} ${base}`)!.wall;
const inProcessRatio = (name: 'release' | 'check') => inProcess.get(hundred)![name]!.cpu / baseRow[name]!.cpu;
const verdict = (met: boolean) => (met ? 'met' : '**not met**');
const target = (name: 'release' | 'check', limit: number) =>
  `- ${name} at 100 versions within ${limit}x of 2, as a process: ${cpuRatio(name).toFixed(2)}x CPU (${wallRatio(name).toFixed(2)}x wall), ${verdict(cpuRatio(name) <= limit)}; in process: ${inProcessRatio(name).toFixed(2)}x CPU, ${verdict(inProcessRatio(name) <= limit)}`;
const hundredImport = imports.get(hundred)!;
const baseImport = imports.get(base)!;
const targets = [
  target('release', 1.5),
  target('check', 2),
  `- rules module import at 100 versions under 5 ms: ${ms2(hundredImport.module.cpu)} of CPU, ${verdict(hundredImport.module.cpu < 5)} (wall: median ${ms2(hundredImport.module.wall)}, least ${ms2(hundredImport.module.wallMin)}, ${verdict(hundredImport.module.wall < 5)} by the median; ${ratio(hundredImport.module.cpu, baseImport.module.cpu)} of the 2-version module; ${ms2(hundredImport.own.cpu)} of CPU more than an empty module's ${ms2(hundredImport.empty.cpu)})`,
].join('\n');
const setup = workspaces.map((workspace) => `${workspace.label}: ${(workspace.setupMs / 1000).toFixed(1)} s`).join('; ');
const body = `Machine: ${cpus()[0]?.model.trim() ?? 'unknown'}, ${cpus().length} cores (load average ${loadavg()[0]!.toFixed(1)} at the end of the run), Node ${process.version}. Synthetic workspaces, each a git repository whose history was made as users make it: every release through the real \`releasePolicy\` (patch releases of the minimal policy, one a day), each committed. Warm snapshot cache (\`.policy/cache/\`, as every run after the first has it). Ratios are to the first row, measured in the same run.

**The commands as users run them**: \`bin/policy\` as a whole process (the esbuild bundle, rebuilt by the script first), workspaces alternated run by run after a warm-up of at least ${warmUpMs / 1000} s; median of ${samples} runs of the CPU time (user + system, from ${timeBin ?? 'nowhere: /usr/bin/time is missing'}, which counts in 10 ms steps, of the process and the git processes it starts) and, in brackets, of the wall time. CPU time is what the ratios are judged on: the machine is shared, and wall time also counts waiting for other processes. \`release next\` is \`policy release p0\` of the next version on a fresh copy of the repository (copied before the clock starts); \`check\` is \`policy check policies\` (which checks the history against git where it can, as by default); \`diff\` is \`policy diff p0 1.0.0 1.0.1\`; \`build\` is \`policy build --no-pack\` (documents, rules, diffs, events and labels, not the npm and Python packs).

${processTable}

**Importing the built rules module** (\`rules/p0/index.js\` as \`policy build\` wrote it): \`await import()\` in ${baseImport.runs} fresh processes per workspace (the workspaces' modules taking turns), each having imported an empty ES module first (the module loader's own start-up, which a service pays for its own entry point, is not counted): the mean CPU time of the main thread (\`process.threadCpuUsage\`, which other processes on the machine do not stretch; Linux counts it in 4 ms ticks, so one import reads 0 or 4 ms and only a mean over many runs estimates it), and the median and least wall time; \`import minus empty module\` subtracts, in each process, the import of another empty module (what any import costs); \`first can()\` is the first query after the import, which reads the version in force from its file. The import target is judged on the import's CPU time, with its wall time shown beside it.

${importTable}

**The same steps in this process** (no Node start-up or bundle load; \`checkPaths\` with git anchoring as the CLI has it, \`releasePolicy\`, \`sidesToCompare\` + \`comparePolicies\`, \`buildWorkspace\`): this process's CPU time (\`process.cpuUsage\`, so not the git processes it starts, which the table above counts) and, in brackets, the wall time; median of ${samples} runs after a warm-up of at least ${warmUpMs / 1000} s.

${inProcessTable}

Targets at 100 versions:

${targets}

Making the histories (every release through \`releasePolicy\`, each committed): ${setup}.
`;
process.stdout.write(`${body}\n`);
if (process.argv.includes('--write')) writeSection('Scaling with history (issue 20)', 'npm run bench:scale -- --write', body);
