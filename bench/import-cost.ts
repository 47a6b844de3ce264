// What importing a compiled rules module costs a service: measured in fresh processes, against
// an empty module imported in the same process. Used by bench:scale and bench:rules.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { medianOf } from './report.ts';

/** One measured figure: median wall time and median CPU time of the main thread, in milliseconds. */
export interface Timing {
  wall: number;
  /** `process.threadCpuUsage()` (user + system): unlike wall time, not stretched by other processes on a loaded machine. */
  cpu: number;
}

/** Medians over the runs. */
export interface ImportCost {
  /** `await import()` of the module, once the module loader has loaded a first (empty) module. */
  module: Timing;
  /** `await import()` of a second empty ES module in the same process: what any import costs. */
  empty: Timing;
  /** `module` minus `empty` in each process: what the module itself adds. */
  own: Timing;
  /** The first `policy.can()` after the import: it reads the version in force from its file. */
  firstCan: Timing;
  runs: number;
}

/**
 * Import `modulePath` in `runs` fresh processes of this Node, each importing an empty ES module
 * first (the loader's own start-up, which a service pays for its own entry point, is not the
 * module's cost), then another empty module and the rules module, in alternating order, then
 * one `policy.can(query)`.
 */
export function importCost(modulePath: string, runs = 15, query: Record<string, string> = { purpose: 'p', category: 'c' }): ImportCost {
  const folder = mkdtempSync(join(tmpdir(), 'import-cost-'));
  try {
    writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(folder, 'first.js'), 'export const first = 1;\n');
    writeFileSync(join(folder, 'empty.js'), 'export const empty = 1;\n');
    const url = (path: string) => JSON.stringify(pathToFileURL(path).href);
    const measured = ['module', 'empty', 'firstCan'] as const;
    const samples: Record<(typeof measured)[number], Timing>[] = [];
    for (let run = 0; run < runs; run++) {
      const modules = [`const module = await timed('module', () => import(${url(modulePath)}));`, `await timed('empty', () => import(${url(join(folder, 'empty.js'))}));`];
      if (run % 2 === 1) modules.reverse();
      const code = `await import(${url(join(folder, 'first.js'))});
const times = {};
const timed = async (name, action) => {
  const cpu = process.threadCpuUsage(); const started = performance.now();
  const result = await action();
  const wall = performance.now() - started; const used = process.threadCpuUsage(cpu);
  times[name] = { wall, cpu: (used.user + used.system) / 1000 };
  return result;
};
${modules.join('\n')}
await timed('firstCan', () => module.policy.can(${JSON.stringify(query)}));
process.stdout.write(JSON.stringify(times));`;
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`importing ${modulePath} failed: ${result.stderr}`);
      samples.push(JSON.parse(result.stdout) as Record<(typeof measured)[number], Timing>);
    }
    const median = (pick: (sample: (typeof samples)[number]) => Timing): Timing => ({ wall: medianOf(samples.map((sample) => pick(sample).wall)), cpu: medianOf(samples.map((sample) => pick(sample).cpu)) });
    return {
      module: median((sample) => sample.module),
      empty: median((sample) => sample.empty),
      own: median((sample) => ({ wall: sample.module.wall - sample.empty.wall, cpu: sample.module.cpu - sample.empty.cpu })),
      firstCan: median((sample) => sample.firstCan),
      runs,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
