// Set up before each file of the unit project (vitest.config.ts): a unit test starts no process.
// A test that does (the CLI, git, python3, tsc) belongs to the integration project, whose
// timeouts allow for a loaded machine; here it fails at once, naming the file and the command.
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { relative } from 'node:path';
import { afterAll, expect } from 'vitest';

const childProcess = createRequire(import.meta.url)('node:child_process') as Record<string, unknown>;
/** Every way node:child_process starts a process. */
const starters = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;
const originals = new Map(starters.map((name) => [name, childProcess[name]]));

for (const name of starters) {
  childProcess[name] = (command: unknown, args?: unknown) => {
    const file = relative(process.cwd(), expect.getState().testPath ?? 'this test file');
    const line = [command, ...(Array.isArray(args) ? args : [])].join(' ').split('\n')[0]!.slice(0, 120);
    throw new Error(`${file} is a unit test but starts a process (child_process.${name}: ${line}): add it to the integration project's list in vitest.config.ts`);
  };
}
// `import { spawn } from 'node:child_process'` reads the ES module's exports: bring them in line.
syncBuiltinESMExports();

afterAll(() => {
  for (const [name, original] of originals) childProcess[name] = original;
  syncBuiltinESMExports();
});
