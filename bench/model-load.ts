// The English language model's load, which every `policy` process that reads prose pays once
// (issue 20: `policy diff A.md B.md` within 10x of git). For this checkout, and for another one
// given as --baseline (its root), a small program is bundled as `npm run build:cli` bundles the
// command (that checkout's own esbuild plugins and derived model file beside it): it loads the
// model and reads one sentence. The programs run in fresh processes, alternated with each other
// and with `node -e 0`, median of 21 each after at least 1 s of warm-up. CPU (user + system) from
// process.cpuUsage: around the load in the process, and from its start to its end. Alongside, in
// the same alternation, the whole `policy diff` of google v1 → v2 of each checkout (its
// bin/policy.mjs, this one's rebuilt first; the baseline's must be up to date: `npm run build:cli` there).
// Run: npm run bench:model -- [--write] [--baseline <root of another checkout>] [--baseline-label <text>]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { buildCli, bundleBase } from '../scripts/build-cli.ts';
import { medianOf, writeSection } from './report.ts';

const runs = 21;
const warmUpMs = 1000;
const flag = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const baselineRoot = flag('--baseline');
const baselineLabel = flag('--baseline-label') ?? baselineRoot;
const node = resolve('node_modules/.bin/node');
const work = resolve(`build/bench-model-${process.pid}`);
const sentence = 'We keep your logs for six months, then delete them; we do not sell your data.';

/** What each program prints: CPU of the load and the reading, CPU of the whole process, and the tokens read. */
type Measure = { load: number; process: number; tokens: number };

/** Bundle the program for the checkout at `root` into `folder`, with its derived model beside it; returns the program's path. */
async function bundleFor(root: string, folder: string): Promise<string> {
  mkdirSync(folder, { recursive: true });
  const nlp = join(root, 'src/classify/nlp.ts');
  const plugins = (await import(pathToFileURL(join(root, 'scripts/build-cli.ts')).href)) as Record<string, unknown>;
  const model = (await import(pathToFileURL(nlp).href)) as Record<string, () => Uint8Array | string>;
  // The derived model as that checkout writes it: a binary file read through the reader the
  // command provides (src/classify/english-model-file.ts), or, before it, JSON beside the module.
  const provided = existsSync(join(root, 'src/classify/english-model-file.ts'));
  if (provided) writeFileSync(join(folder, 'english-model.bin'), model.englishModelBytes!());
  else writeFileSync(join(folder, 'english-model.json'), model.englishModelJson!());
  const program = [
    provided ? `import { provideEnglishModelFile } from ${JSON.stringify(join(root, 'src/classify/english-model-file.ts'))};` : '',
    `import { readSentences } from ${JSON.stringify(nlp)};`,
    provided ? "provideEnglishModelFile(() => process.getBuiltinModule('node:fs').readFileSync(new URL('./english-model.bin', import.meta.url)));" : '',
    'const start = process.cpuUsage();',
    `const tokens = readSentences(${JSON.stringify(sentence)}).flatMap((read) => read.tokens).length;`,
    'const load = process.cpuUsage(start);',
    'const whole = process.cpuUsage();',
    'process.stdout.write(JSON.stringify({ load: (load.user + load.system) / 1000, process: (whole.user + whole.system) / 1000, tokens }));',
  ].join('\n');
  const outfile = join(folder, 'program.mjs');
  await esbuild.build({
    stdin: { contents: program, resolveDir: root, loader: 'js' },
    outfile,
    ...bundleBase,
    // The plugins of that checkout's build that touch the language model (packedLemmaExceptions where it has them).
    plugins: ['bundledLanguageModules', ...(existsSync(join(root, 'src/classify/exception-table.ts')) ? ['packedLemmaExceptions'] : []), 'builtinsWithoutNamespaces'].flatMap((name) => {
      const plugin = plugins[name];
      if (plugin === undefined) return [];
      return [typeof plugin === 'function' ? (plugin as (root: string) => esbuild.Plugin)(root) : (plugin as esbuild.Plugin)];
    }),
  });
  return outfile;
}

/** One run of a program in a fresh process. */
function runOnce(program: string): Measure {
  const result = spawnSync(node, [program], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${program} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Measure;
}

const texts = resolve('../shared/bench-texts');
/** Loaded before `policy`: prints the process's CPU on stderr when it exits. */
const cpuAtExit = `data:text/javascript,${encodeURIComponent("process.on('exit', () => { const used = process.cpuUsage(); process.stderr.write(`\\npolicy-cpu ${(used.user + used.system) / 1000}\\n`); });")}`;

/** One whole `policy diff` of google v1 → v2 by the checkout at `root`, its output piped; fails when that checkout's bundle is out of date (the sources would run). */
function policyDiff(root: string): Measure {
  const result = spawnSync(node, ['--import', cpuAtExit, join(root, 'bin/policy.mjs'), 'diff', join(texts, 'google_v1.md'), join(texts, 'google_v2.md')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  const cpu = /\npolicy-cpu ([\d.]+)\n$/.exec(result.stderr);
  if (result.status !== 0 || cpu === null || result.stderr.includes('running the sources')) throw new Error(`policy diff in ${root} failed or ran the sources: ${result.stderr}`);
  return { load: 0, process: Number(cpu[1]), tokens: result.stdout.length };
}

/** The whole CPU of `node -e 0`, measured the same way. */
function nodeAlone(): Measure {
  const result = spawnSync(node, ['-e', 'const u = process.cpuUsage(); process.stdout.write(JSON.stringify({ load: 0, process: (u.user + u.system) / 1000, tokens: 0 }))'], { encoding: 'utf8' });
  return JSON.parse(result.stdout) as Measure;
}

// This checkout's bin/policy runs its bundle: rebuilt, so that it is not the sources that run.
await buildCli(process.cwd());
try {
  const ours = await bundleFor(process.cwd(), join(work, 'ours'));
  const programs: { label: string; run: () => Measure }[] = [{ label: 'this checkout', run: () => runOnce(ours) }];
  if (baselineRoot) {
    const theirs = await bundleFor(resolve(baselineRoot), join(work, 'baseline'));
    programs.push({ label: baselineLabel!, run: () => runOnce(theirs) });
  }
  const diffs: { label: string; run: () => Measure }[] = [{ label: 'this checkout', run: () => policyDiff(process.cwd()) }];
  if (baselineRoot) diffs.push({ label: baselineLabel!, run: () => policyDiff(resolve(baselineRoot)) });
  programs.push(...diffs.map((diff) => ({ label: `\`policy diff\`: ${diff.label}`, run: diff.run })));
  programs.push({ label: '`node -e 0`', run: nodeAlone });
  const warmUntil = performance.now() + warmUpMs;
  do for (const program of programs) program.run();
  while (performance.now() < warmUntil);
  const measures = programs.map(() => [] as Measure[]);
  for (let run = 0; run < runs; run++) {
    const order = programs.map((_, index) => (run % 2 === 0 ? index : programs.length - 1 - index));
    for (const index of order) measures[index]!.push(programs[index]!.run());
  }
  const loads = programs.length - 1 - diffs.length;
  const tokens = new Set(measures.slice(0, loads).flatMap((list) => list.map((measure) => measure.tokens)));
  if (tokens.size !== 1) throw new Error(`the programs read the sentence differently: ${[...tokens].join(', ')} tokens`);
  const outputs = new Set(measures.slice(loads, -1).flatMap((list) => list.map((measure) => measure.tokens)));
  if (outputs.size !== 1) throw new Error('the checkouts\' `policy diff` printed outputs of different lengths');
  const medians = measures.map((list) => ({ load: medianOf(list.map((measure) => measure.load)), process: medianOf(list.map((measure) => measure.process)) }));
  const floor = medians.at(-1)!.process;
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const rows = programs.map((program, index) => `| ${program.label} | ${index < loads ? ms(medians[index]!.load) : ''} | ${ms(medians[index]!.process)} | ${index === programs.length - 1 ? '' : ms(medians[index]!.process - floor)} |`);
  const body = [
    `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} when the run ended, Node ${process.version}.`,
    '',
    `A program bundled as \`npm run build:cli\` bundles the command (the checkout's own esbuild plugins, its derived model file beside it) loads the English model and reads one sentence (${[...tokens][0]} tokens), in a fresh process; with them, each checkout's whole \`policy diff\` of google v1 → v2 (its bundle, output piped); all of them and \`node -e 0\` alternated run by run, median of ${runs} each after at least ${warmUpMs / 1000} s of warm-up. CPU is user + system time from process.cpuUsage: around the load and the reading in the process, and of the whole process from its start.`,
    '',
    '| program | CPU: model load and one sentence | CPU: whole process | whole process minus `node -e 0` |',
    '|---|---:|---:|---:|',
    ...rows,
    '',
    baselineRoot ? `The model's load: ${(medians[0]!.load / medians[1]!.load).toFixed(2)}x the baseline's CPU (${ms(medians[1]!.load - medians[0]!.load)} less). \`policy diff\` of google v1 → v2: ${(medians[2]!.process / medians[3]!.process).toFixed(2)}x the baseline's CPU (${ms(medians[3]!.process - medians[2]!.process)} less).` : '',
  ].join('\n');
  process.stdout.write(`${body}\n`);
  if (process.argv.includes('--write')) writeSection("The English model's load (issue 20)", 'npm run bench:model', body);
} finally {
  rmSync(work, { recursive: true, force: true });
}
