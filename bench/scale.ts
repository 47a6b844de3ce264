// How the commands scale with history: synthetic workspaces with 2, 20 and 100 released
// versions of one policy (made through the real `releasePolicy`, one patch release a day), and
// with 1, 10 and 50 policies of 2 versions each. Measures, in this process and with a warm
// snapshot cache (.policy/cache/, as every run after the first has it): releasing the next
// version, checking the workspace, diffing the first two versions, building (without the npm
// and Python packs), and in a fresh process importing the built rules module. Reported as
// ratios to the 2-version (1-policy) case measured in the same run. `--write` puts the figures
// into docs/benchmarks.md.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
const samples = Math.max(3, Number(process.argv.find((arg) => arg.startsWith('--samples='))?.slice(10) ?? 5));
const versionCounts = [2, 20, 100];
const policyCounts = [1, 10, 50];
const minimal = readFileSync(join(root, 'test/fixtures/policies/minimal/policy.md'), 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'bench-scale-'));
// Every command finds the snapshot cache in the working directory.
process.chdir(scratch);

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

/** Release `count` versions of policy `id` under `policies`. */
async function releaseVersions(policies: string, id: string, count: number): Promise<string> {
  const folder = join(policies, id);
  mkdirSync(folder, { recursive: true });
  for (let index = 0; index < count; index++) {
    writeFileSync(join(folder, 'policy.md'), draft(id, index));
    const result = await releasePolicy(folder, day(index));
    if (!result.entry) throw new Error(`release ${index} of ${id} failed: ${result.refusal ?? result.files.flatMap((file) => file.messages.map(String)).join('; ')}`);
  }
  return folder;
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

/** Median of `samples` timings, after a time-based warm-up (at least 1 s and one run). */
async function median(action: () => Promise<unknown>, warmUp = true): Promise<number> {
  const until = performance.now() + 1000;
  if (warmUp) do await action(); while (performance.now() < until);
  const times: number[] = [];
  for (let run = 0; run < samples; run++) times.push(await timed(action));
  return medianOf(times);
}

interface Row {
  label: string;
  release?: number;
  check: number;
  diff?: number;
  build: number;
  imported?: ImportCost;
  /** The built rules module, imported once every row is built. */
  modulePath: string;
  setup: number;
}

async function measure(label: string, policiesCount: number, versions: number, measureRelease: boolean): Promise<Row> {
  const workspace = join(scratch, label.replace(/\W+/g, '-'));
  const policies = join(workspace, 'policies');
  const setupStarted = performance.now();
  const folders: string[] = [];
  for (let index = 0; index < policiesCount; index++) folders.push(await releaseVersions(policies, `p${index}`, versions));
  const setup = performance.now() - setupStarted;
  const first = folders[0]!;
  const row: Row = { label, setup, check: 0, build: 0, modulePath: '' };
  if (measureRelease) {
    // The next release, each sample on a fresh copy of the same history (copied before timing).
    const copies = Array.from({ length: samples + 3 }, (_, index) => {
      const folder = join(workspace, `copy-${index}`, 'policies', 'p0');
      cpSync(first, folder, { recursive: true });
      writeFileSync(join(folder, 'policy.md'), draft('p0', versions));
      return folder;
    });
    const release = async () => {
      const result = await releasePolicy(copies.shift()!, day(versions));
      if (!result.entry) throw new Error(`the measured release failed: ${result.refusal}`);
    };
    // Each copy is released once: three unmeasured releases warm up, then the samples.
    for (let run = 0; run < 3; run++) await release();
    row.release = await median(release, false);
    row.diff = await median(async () => comparePolicies(...(await sidesToCompare([first, '1.0.0', '1.0.1'], undefined))));
  }
  row.check = await median(() => checkPaths([policies], undefined, { today: day(versions) }));
  const out = join(workspace, 'dist');
  row.build = await median(async () => {
    rmSync(out, { recursive: true, force: true });
    const outcome = await buildWorkspace([policies], { out, pack: false, cwd: root });
    if (!outcome.built) throw new Error(`build failed: ${JSON.stringify(outcome)}`);
  });
  row.modulePath = join(out, 'rules', 'p0', 'index.js');
  return row;
}

const rows: Row[] = [];
try {
  for (const versions of versionCounts) {
    rows.push(await measure(`1 policy, ${versions} versions`, 1, versions, true));
    process.stderr.write(`measured ${rows.at(-1)!.label}\n`);
  }
  for (const count of policyCounts.slice(1)) {
    rows.push(await measure(`${count} policies, 2 versions`, count, 2, false));
    process.stderr.write(`measured ${rows.at(-1)!.label}\n`);
  }
  // Every row's module in turn, in the same fresh-process runs: the ratios compare like with like.
  const costs = importCosts(rows.map((row) => row.modulePath), Math.max(21, samples * 4));
  rows.forEach((row, index) => (row.imported = costs[index]!));
  process.stderr.write('measured the rules imports\n');
} finally {
  process.chdir(root);
  rmSync(scratch, { recursive: true, force: true });
}

const base = rows[0]!;
const ratio = (value: number | undefined, of: number | undefined) => (value === undefined || of === undefined ? '' : `${(value / of).toFixed(2)}x`);
const ms = (value: number | undefined) => (value === undefined ? '' : `${value.toFixed(1)} ms`);
const ms2 = (value: number) => `${value.toFixed(2)} ms`;
const table = [
  '| history | release next | ratio | check | ratio | diff 1.0.0..1.0.1 | ratio | build | ratio | rules import, CPU | ratio | wall (median, least) | import minus empty module, CPU | first can(), CPU |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((row) => `| ${row.label} | ${ms(row.release)} | ${ratio(row.release, base.release)} | ${ms(row.check)} | ${ratio(row.check, base.check)} | ${ms(row.diff)} | ${ratio(row.diff, base.diff)} | ${ms(row.build)} | ${ratio(row.build, base.build)} | ${ms2(row.imported!.module.cpu)} | ${ratio(row.imported!.module.cpu, base.imported!.module.cpu)} | ${ms2(row.imported!.module.wall)}, ${ms2(row.imported!.module.wallMin)} | ${ms2(row.imported!.own.cpu)} | ${ms2(row.imported!.firstCan.cpu)} |`),
].join('\n');
const hundred = rows.find((row) => row.label === '1 policy, 100 versions')!;
const verdict = (met: boolean) => (met ? 'met' : '**not met**');
const targets = [
  `- release at 100 versions within 1.5x of 2: ${ratio(hundred.release, base.release)}, ${verdict(hundred.release! / base.release! <= 1.5)}`,
  `- check at 100 versions within 2x of 2: ${ratio(hundred.check, base.check)}, ${verdict(hundred.check / base.check <= 2)}`,
  `- rules module import at 100 versions under 5 ms: ${ms2(hundred.imported!.module.cpu)} of CPU, ${verdict(hundred.imported!.module.cpu < 5)} (wall: median ${ms2(hundred.imported!.module.wall)}, least ${ms2(hundred.imported!.module.wallMin)}, ${verdict(hundred.imported!.module.wall < 5)} by the median; ${ratio(hundred.imported!.module.cpu, base.imported!.module.cpu)} of the 2-version module; ${ms2(hundred.imported!.own.cpu)} of CPU more than an empty module's ${ms2(hundred.imported!.empty.cpu)})`,
].join('\n');
const setup = rows.map((row) => `${row.label}: ${(row.setup / 1000).toFixed(1)} s`).join('; ');
const body = `Machine: ${cpus()[0]?.model.trim() ?? 'unknown'}, ${cpus().length} cores (load average ${loadavg()[0]!.toFixed(1)} at the end of the run), Node ${process.version}. Synthetic workspaces in a temporary folder, each history made by the real \`releasePolicy\` (patch releases of the minimal policy, one a day). In-process wall time, median of ${samples} runs after a warm-up of at least 1 s (releases: three unmeasured releases), with a warm snapshot cache; ratios are to the first row, measured in the same run. \`release next\` releases one more version on a fresh copy of the history; \`build\` writes documents, rules, diffs and events but not the npm and Python packs; \`rules import\` is \`await import()\` of the built \`rules/p0/index.js\` in ${rows[0]!.imported!.runs} fresh processes per row (the rows' modules taking turns), each having imported an empty ES module first (the module loader's own start-up, which a service pays for its own entry point, is not counted): the mean CPU time of the main thread (\`process.threadCpuUsage\`, which other processes on the machine do not stretch; Linux counts it in 4 ms ticks, so only a mean over many runs estimates a 3 ms import), and the median and least wall time; \`import minus empty module\` subtracts, in each process, the import of another empty module (what any import costs); \`first can()\` is the first query after the import, which reads the version in force from its file. The import target is judged on the import's CPU time, with its wall time shown beside it.\n\n${table}\n\nTargets at 100 versions:\n\n${targets}\n\nMaking the histories (every release through \`releasePolicy\`): ${setup}.\n`;
process.stdout.write(`${body}\n`);
if (process.argv.includes('--write')) writeSection('Scaling with history (issue 20)', 'npm run bench:scale -- --write', body);
