import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLayers, checkPurity } from '../scripts/check-layers.ts';

/** A throwaway source tree: path -> text, under a temporary root. */
function plant(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'layers-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  planted.push(root);
  return root;
}
const planted: string[] = [];
afterAll(() => planted.forEach((root) => rmSync(root, { recursive: true, force: true })));

describe('the import direction', () => {
  it('holds in src/: interface -> workspace -> core, each core step importing only the ones below it, no cycles', async () => {
    expect(await checkLayers()).toEqual([]);
  }, 60_000);

  it('fails on a planted cycle, naming the modules around it', async () => {
    const root = plant({
      'src/diff/one.ts': "import { two } from './two.ts';\nexport const one = () => two();\n",
      'src/diff/two.ts': "import { one } from './one.ts';\nexport const two = (): number => one();\n",
    });
    const violations = await checkLayers(root);
    expect(violations.map((violation) => violation.rule)).toEqual(['no-circular']);
    expect(violations[0]!.cycle).toEqual(expect.arrayContaining(['src/diff/one.ts', 'src/diff/two.ts']));
  }, 60_000);

  it('fails on an upward import, a type-only one included, and on the core touching the disk', async () => {
    const root = plant({
      'src/parse/read.ts': "import type { Options } from '../cli/options.ts';\nexport const read = (options: Options) => options;\n",
      'src/cli/options.ts': 'export interface Options { path: string }\n',
      'src/classify/change.ts': "import { check } from '../workspace/check.ts';\nexport const classify = () => check();\n",
      'src/workspace/check.ts': 'export const check = () => 1;\n',
      'src/lint/io.ts': "import { readFileSync } from 'node:fs';\nexport const size = (path: string) => readFileSync(path).length;\n",
      'src/model/lazy.ts': "export const schemaTypes = () => import('./generate.ts');\n",
      'src/model/generate.ts': 'export const generate = () => 1;\n',
    });
    const violations = await checkLayers(root);
    expect(violations.map(({ rule, from, to }) => ({ rule, from, to })).sort((a, b) => a.from.localeCompare(b.from))).toEqual([
      { rule: 'classify-imports-upward', from: 'src/classify/change.ts', to: 'src/workspace/check.ts' },
      { rule: 'core-touches-the-outside', from: 'src/lint/io.ts', to: 'fs' },
      { rule: 'core-imports-codegen', from: 'src/model/lazy.ts', to: 'src/model/generate.ts' },
      { rule: 'parse-imports-upward', from: 'src/parse/read.ts', to: 'src/cli/options.ts' },
    ]);
  }, 60_000);

  it('fails when anything but the adapter uses yaml-language-server, whose internals it reaches into', async () => {
    const root = plant({
      'node_modules/yaml-language-server/package.json': '{ "name": "yaml-language-server", "main": "index.js" }\n',
      'node_modules/yaml-language-server/index.js': 'export const getLanguageService = () => ({});\n',
      'src/editor/yaml-language-server.ts': "export { getLanguageService } from 'yaml-language-server';\n",
      'src/editor/service.ts': "import { getLanguageService } from 'yaml-language-server';\nexport const service = getLanguageService();\n",
    });
    const violations = await checkLayers(root);
    expect(violations.map(({ rule, from }) => ({ rule, from }))).toEqual([{ rule: 'yaml-language-server-outside-its-adapter', from: 'src/editor/service.ts' }]);
  }, 60_000);

  it('holds the core to data in, data out: no clock, no process, in src/ as it is', () => {
    expect(checkPurity()).toEqual([]);
  });

  it('fails on a core module reading the clock or the environment, not on the runtime or the workspace', () => {
    const root = plant({
      'src/classify/when.ts': "// Date.now() in a comment is fine\nexport const today = () => new Date().toISOString();\n",
      'src/lint/env.ts': 'export const strict = () => process.env.STRICT === "1";\n',
      'src/compile/dated.ts': 'export const at = (date: string) => new Date(date);\n',
      'src/runtime/clock.ts': 'export const now = () => Date.now();\n',
      'src/workspace/today.ts': 'export const today = () => Temporal.Now.plainDateISO().toString();\n',
    });
    expect(checkPurity(root).map(({ rule, from }) => ({ rule, from })).sort((a, b) => a.from.localeCompare(b.from))).toEqual([
      { rule: 'core-reads-the-clock', from: 'src/classify/when.ts:2' },
      { rule: 'core-reads-the-process', from: 'src/lint/env.ts:1' },
    ]);
  });
});
