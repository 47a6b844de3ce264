import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../scripts/build-cli.ts';
import { bundledModules } from './support/bundle.ts';
import { workspace } from './support/workspace.ts';

// How `policy` starts: bin/policy runs the esbuild bundle unless a source changed since it was
// built, and each command loads only its own modules.

const root = resolve(import.meta.dirname, '..');
const env = { ...process.env, NO_COLOR: '1' };

describe('the bundle', () => {
  // Built into a folder of its own beside build/cli/, two levels below the root as the real one
  // is, so that a bin/policy running elsewhere in the suite never sees a bundle half rebuilt.
  const outdir = `build/cli-test-${process.pid}`;
  let entry: string;
  beforeAll(async () => {
    entry = await buildCli(root, outdir);
  }, 120_000);
  afterAll(() => rmSync(join(root, outdir), { recursive: true, force: true }));

  it.each([
    // The bundle prints --help's text written in at build time (src/cli/main.ts); a command's
    // --help goes through commander, as every command does.
    [['--help']],
    [['-h']],
    [['check', '--help']],
    [['check', '--format', 'json', '--date', '2026-11-27', 'policies/allai']],
    [['diff', 'allai', '1.0.0', '1.0.1', '--format', 'json']],
    [['check', 'policies/no-such-policy.md']],
  ])('answers %j exactly as the sources do', (args) => {
    const bundled = spawnSync(process.execPath, [entry, ...args], { cwd: workspace, encoding: 'utf8', env });
    const sources = spawnSync(process.execPath, [join(root, 'src/cli/main.ts'), ...args], { cwd: workspace, encoding: 'utf8', env });
    expect([bundled.status, bundled.stdout, bundled.stderr]).toEqual([sources.status, sources.stdout, sources.stderr]);
  });

  it.each([[['--help']], [['check', '--help']], [['check', 'policies/allai']]])('exits 0, quietly, when the reader of %j closes the pipe before it writes', (args) => {
    // The reader closes its end at once (as `policy --help | head -0` may): the write meets EPIPE.
    const run = spawnSync('bash', ['-c', 'set -o pipefail; "$@" | (exec 0<&-; sleep 0.3)', 'policy', process.execPath, entry, ...args], { cwd: workspace, encoding: 'utf8', env });
    expect(run).toMatchObject({ status: 0, stderr: '' });
  });

  /** The project modules (src/…) that loading a command's chunk of the bundle evaluates. */
  const commandModules = (command: string): string[] => bundledModules(join(root, outdir), `src/cli/${command}.ts`);

  it('loads for --help the command table, not a command: the public API\'s barrel is resolved per command', () => {
    const loaded = commandModules('program');
    expect(loaded).toContain('src/cli/program.ts');
    expect(loaded.filter((path) => /^src\/(cli\/(?!program|output)|workspace|compare|notify|review|editor|history|parse|index\.ts)/.test(path))).toEqual([]);
  });

  it('loads for policy check the check, not notify, review, the language server or import', () => {
    const loaded = commandModules('check');
    expect(loaded).toEqual(expect.arrayContaining(['src/cli/check.ts', 'src/workspace/check.ts']));
    expect(loaded.filter((path) => /^src\/(cli\/(notify|review|import|new|release|build|diff)\.ts|notify\/|review\/|editor\/|index\.ts)/.test(path))).toEqual([]);
  });

  it('answers a cached check or diff without loading the parser, the linter or the classifier', () => {
    // Those load on a cache miss only (src/workspace/check-steps.ts, src/workspace/diff.ts).
    const heavy = /^src\/(check\.ts|parse\/policy-file|lint\/|classify\/(?!words)|compare\/compare|validate\/|history\/verify)/;
    expect(commandModules('check').filter((path) => heavy.test(path))).toEqual([]);
    expect(commandModules('diff').filter((path) => heavy.test(path))).toEqual([]);
  });

  it('takes Node built-ins from process.getBuiltinModule, not from an import that builds their whole namespace', () => {
    // (A CommonJS dependency's require() of a built-in returns the module object itself: no namespace.)
    const meta = JSON.parse(readFileSync(join(root, outdir, 'meta.json'), 'utf8')) as { outputs: Record<string, { imports: { path: string; kind: string }[] }> };
    const builtinImports = Object.entries(meta.outputs).flatMap(([output, { imports }]) => imports.filter((imported) => isBuiltin(imported.path) && imported.kind !== 'require-call').map((imported) => `${output} ${imported.kind} ${imported.path}`));
    expect(builtinImports).toEqual([]);
    expect(readFileSync(join(root, outdir, Object.keys(meta.outputs).find((output) => /program-\w+\.js$/.test(output))!.slice(outdir.length + 1)), 'utf8')).toContain('globalThis.process.getBuiltinModule("node:events")');
  });

  it('lists the files it was built from, for bin/policy.mjs to tell when it is stale', () => {
    const inputs = JSON.parse(readFileSync(join(root, outdir, 'inputs.json'), 'utf8')) as { builtAt: number; files: string[]; folders: string[] };
    expect(inputs.files).toEqual(expect.arrayContaining(['src/cli/main.ts', 'src/cli/program.ts', 'src/cli/check.ts', 'package-lock.json']));
    expect(inputs.folders).toEqual(expect.arrayContaining(['src/cli']));
    expect(inputs.builtAt).toBeLessThanOrEqual(Date.now());
  });
});

describe('bin/policy.mjs', () => {
  /** A stand-in repository: a bundle and sources that only say which of them ran. */
  function fakeRepository() {
    const fake = mkdtempSync(join(tmpdir(), 'policy-bin-'));
    mkdirSync(join(fake, 'bin'));
    copyFileSync(join(root, 'bin/policy.mjs'), join(fake, 'bin/policy.mjs'));
    mkdirSync(join(fake, 'src/cli'), { recursive: true });
    writeFileSync(join(fake, 'src/cli/main.ts'), "process.stdout.write('sources');\n");
    writeFileSync(join(fake, 'src/cli/program.ts'), '');
    mkdirSync(join(fake, 'build/cli'), { recursive: true });
    writeFileSync(join(fake, 'build/cli/main.js'), "process.stdout.write('bundle');\n");
    const past = new Date(Date.now() - 60_000);
    for (const path of ['src/cli/main.ts', 'src/cli/program.ts', 'src/cli', 'src']) utimesSync(join(fake, path), past, past);
    // Built a moment after those files last changed (their status change time is now: see builtNow).
    const builtAt = Date.now() + 5_000;
    /** Record the bundle as built now, so that what changes afterwards is newer than it. */
    const builtNow = () => {
      // The kernel stamps status changes from a clock that may lag Date.now() by a tick.
      for (const until = Date.now() + 30; Date.now() < until; );
      writeFileSync(join(fake, 'build/cli/inputs.json'), JSON.stringify({ builtAt: Date.now(), files: ['src/cli/main.ts', 'src/cli/program.ts'], folders: ['src/cli'] }));
      for (const until = Date.now() + 30; Date.now() < until; );
    };
    writeFileSync(join(fake, 'build/cli/inputs.json'), JSON.stringify({ builtAt, files: ['src/cli/main.ts', 'src/cli/program.ts'], folders: ['src/cli'] }));
    const run = () => spawnSync(process.execPath, [join(fake, 'bin/policy.mjs')], { encoding: 'utf8' });
    return { fake, run, builtNow };
  }
  const future = new Date(Date.now() + 60_000);

  it('runs the bundle when nothing changed since it was built', () => {
    const { run } = fakeRepository();
    expect(run()).toMatchObject({ status: 0, stdout: 'bundle', stderr: '' });
  });

  it('runs the sources, and says why, when a bundled file changed', () => {
    const { fake, run } = fakeRepository();
    utimesSync(join(fake, 'src/cli/program.ts'), future, future);
    expect(run()).toMatchObject({ status: 0, stdout: 'sources', stderr: 'policy: src/cli/program.ts changed since build/cli/ was built; running the sources (slower until `npm run build:cli`)\n' });
  });

  it('runs the sources when a file was added to a bundled folder', () => {
    const { fake, run } = fakeRepository();
    utimesSync(join(fake, 'src/cli'), future, future);
    expect(run()).toMatchObject({ stdout: 'sources', stderr: expect.stringMatching(/^policy: src\/cli changed since build\/cli\/ was built/) });
  });

  it('runs the sources when a file with an old modification time was renamed over a bundled one', () => {
    // As `mv`, `cp -p` or unpacking an archive leave it: only the status change time tells.
    const { fake, run, builtNow } = fakeRepository();
    writeFileSync(join(fake, 'src/cli/program.next.ts'), "export const edited = true;\n");
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(fake, 'src/cli/program.next.ts'), past, past);
    builtNow();
    renameSync(join(fake, 'src/cli/program.next.ts'), join(fake, 'src/cli/program.ts'));
    expect(run()).toMatchObject({ stdout: 'sources', stderr: expect.stringMatching(/^policy: src\/cli\/program\.ts changed since build\/cli\/ was built/) });
  });

  it('runs the sources, silently, when there is no bundle', () => {
    const { fake, run } = fakeRepository();
    writeFileSync(join(fake, 'build/cli/inputs.json'), 'not json');
    expect(run()).toMatchObject({ status: 0, stdout: 'sources', stderr: '' });
  });
});

describe('each command loads only what it uses', () => {
  /** The project modules (src/…) a command imports, from the sources, logged by a resolve hook. */
  function modulesLoadedBy(...args: string[]): string[] {
    const hook = `import { registerHooks } from 'node:module';
registerHooks({ resolve(specifier, context, next) { const result = next(specifier, context); if (result.url.startsWith(${JSON.stringify(pathToFileURL(join(root, 'src')).href)})) process.stderr.write('loaded ' + result.url.slice(${pathToFileURL(root).href.length + 1}) + '\\n'); return result; } });`;
    const result = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(hook)}`, join(root, 'src/cli/main.ts'), ...args], { cwd: workspace, encoding: 'utf8', env });
    return [...result.stderr.matchAll(/^loaded (\S+)$/gm)].map((match) => match[1]!);
  }

  it('policy --help loads no command', () => {
    const loaded = modulesLoadedBy('--help');
    expect(loaded).toContain('src/cli/program.ts');
    expect(loaded.filter((path) => /^src\/(cli\/(?!main|program|output)|workspace|compare|notify|review|editor|history)/.test(path))).toEqual([]);
  });

});
