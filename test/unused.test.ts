import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Dead code cannot come back: knip (knip.jsonc) finds unused files, exports, dependencies and
// binaries; `npm run lint:unused` prints the same findings for a person.

const root = resolve(import.meta.dirname, '..');
const knip = join(root, 'node_modules/knip/bin/knip.js');

/** One thing knip reports: its kind (`files`, `exports`, `types`, `dependencies`, …), the file and the name. */
interface Finding {
  kind: string;
  file: string;
  name: string;
}

/** Run knip on the project at `folder`: its findings, and whether it passed (a configuration hint fails it too). */
function unused(folder: string): { findings: Finding[]; passed: boolean; output: string } {
  if (!existsSync(knip)) throw new Error('knip is not installed: run `npm ci` (package-lock.json pins it)');
  const run = spawnSync(process.execPath, [knip, '--directory', folder, '--reporter', 'json', '--no-progress', '--treat-config-hints-as-errors'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const report = JSON.parse(run.stdout) as { issues: ({ file: string } & Record<string, { name: string }[] | string>)[] };
  const findings = report.issues.flatMap(({ file, ...kinds }) =>
    Object.entries(kinds).flatMap(([kind, items]) => (Array.isArray(items) ? items.map((item) => ({ kind, file, name: item.name })) : [])),
  );
  return { findings, passed: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

const planted: string[] = [];
afterAll(() => planted.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

describe('unused code (knip)', () => {
  it('finds nothing unused in the project, and no configuration hint', () => {
    const { findings, passed, output } = unused(root);
    expect(findings).toEqual([]);
    // No finding but a failure is a configuration hint (say, an ignore that no longer matches); `npm run lint:unused` shows it.
    expect(passed, output).toBe(true);
  }, 120_000);

  it('reports a planted unused file, export and dependency, naming each', () => {
    const folder = mkdtempSync(join(tmpdir(), 'unused-'));
    planted.push(folder);
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'planted', type: 'module', private: true, exports: './src/index.ts', dependencies: { 'left-pad': '1.3.0' } }),
      'src/index.ts': "import { used } from './lib.ts';\nexport const main = (): number => used();\n",
      'src/lib.ts': 'export const used = (): number => 1;\nexport const forgotten = (): number => 2;\n',
      'src/orphan.ts': 'export const orphan = 3;\n',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(folder, path)), { recursive: true });
      writeFileSync(join(folder, path), text);
    }
    const { findings, passed } = unused(folder);
    expect(passed).toBe(false);
    expect(findings.sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: 'dependencies', file: 'package.json', name: 'left-pad' },
      { kind: 'exports', file: 'src/lib.ts', name: 'forgotten' },
      { kind: 'files', file: 'src/orphan.ts', name: 'src/orphan.ts' },
    ]);
  }, 120_000);
});
