// What importing a compiled rules module costs a service: measured in fresh processes, against
// an empty module imported in the same process. Used by bench:scale and bench:rules.
//
// Where an import's milliseconds went (Node 26, issue 20, found with --cpu-prof and by timing
// variants of the module): the module loader's own start-up at the first import (~0.7 ms, any
// service pays it for its own entry, so it is imported away first here); about 0.5-1 ms per
// module file in the loader (resolve, read, compile, link), hence the runtime as one bundle;
// a second parse of each .js file without a package.json "type" (Node's syntax detection),
// hence dist/rules/package.json; the module's own text, which grew with every version when
// versions were embedded (1.2 MB and ~10 ms at 100 ALLAI-sized versions), hence one file per
// version read when asked; an ES import of node:fs (~4 ms) or node:crypto (~8 ms), hence
// process.getBuiltinModule when first needed; and on Node 22 and 24 temporal-polyfill (tens of
// ms), hence loaded when deleteBy first needs it. createPolicy itself takes ~0.5 ms.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { medianOf } from './report.ts';

/** One measured figure over the runs, in milliseconds. */
export interface Timing {
  /** Median wall time. */
  wall: number;
  /** Least wall time: the run least disturbed by other processes. */
  wallMin: number;
  /**
   * Mean CPU time of the main thread (`process.threadCpuUsage`, user + system), which other
   * processes do not stretch. Linux counts it in scheduler ticks (4 ms here), so one import
   * reads 0 or 4 ms and only the mean over many runs estimates it; the median would not.
   */
  cpu: number;
}

/** What importing a module costs, over the runs. */
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
 * Import each of `modulePaths` in `runs` fresh processes of this Node, the modules taking turns
 * (run 1 of each, then run 2 of each...) so that a change in the machine's load touches them
 * alike. Each process imports an empty ES module first (the loader's own start-up, which a
 * service pays for its own entry point, is not the module's cost), then another empty module
 * and the rules module, in alternating order, then asks one `policy.can(query)`.
 */
export function importCosts(modulePaths: readonly string[], runs = 15, query: Record<string, string> = { purpose: 'p', category: 'c' }): ImportCost[] {
  const folder = mkdtempSync(join(tmpdir(), 'import-cost-'));
  try {
    writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(folder, 'first.js'), 'export const first = 1;\n');
    writeFileSync(join(folder, 'empty.js'), 'export const empty = 1;\n');
    const url = (path: string) => JSON.stringify(pathToFileURL(path).href);
    const samples: Sample[][] = modulePaths.map(() => []);
    for (let run = 0; run < runs; run++) {
      modulePaths.forEach((modulePath, index) => {
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
        samples[index]!.push(JSON.parse(result.stdout) as Sample);
      });
    }
    return samples.map((measured) => {
      const summary = (pick: (sample: Sample) => Measured): Timing => ({
        wall: medianOf(measured.map((sample) => pick(sample).wall)),
        wallMin: Math.min(...measured.map((sample) => pick(sample).wall)),
        cpu: measured.reduce((sum, sample) => sum + pick(sample).cpu, 0) / measured.length,
      });
      return {
        module: summary((sample) => sample.module),
        empty: summary((sample) => sample.empty),
        own: summary((sample) => ({ wall: sample.module.wall - sample.empty.wall, cpu: sample.module.cpu - sample.empty.cpu })),
        firstCan: summary((sample) => sample.firstCan),
        runs,
      };
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** {@link importCosts} of one module. */
export function importCost(modulePath: string, runs = 15, query?: Record<string, string>): ImportCost {
  return importCosts([modulePath], runs, query)[0]!;
}

/** One run's wall and CPU time. */
interface Measured {
  wall: number;
  cpu: number;
}

type Sample = Record<'module' | 'empty' | 'firstCan', Measured>;
