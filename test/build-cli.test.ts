import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinImportsAsConstants, lazyBuiltins } from '../scripts/build-cli.ts';

// The bundle's rewrite of imports of Node built-ins (scripts/build-cli.ts): each form of import
// becomes constants read from process.getBuiltinModule, and nothing else is touched.
describe('builtinImportsAsConstants', () => {
  const builtin = (name: string) => `globalThis.process.getBuiltinModule("${name}")`;

  it.each([
    ["import fs from 'node:fs';", `const fs = ${builtin('node:fs')};`],
    ["import * as path from 'path';", `const path = ${builtin('node:path')};`],
    ["import { readFileSync, statSync as stat } from 'node:fs';", `const { readFileSync, statSync: stat } = ${builtin('node:fs')};`],
    ["import fs, { existsSync } from \"node:fs\"", `const fs = ${builtin('node:fs')}; const { existsSync } = fs;`],
    ["import {\n  type Stats,\n  readFileSync,\n} from 'node:fs';", `const { readFileSync } = ${builtin('node:fs')};`],
    ["import { type Stats } from 'node:fs';", ''],
    ["export { default as minpath } from 'node:path';", `export const minpath = ${builtin('node:path')};`],
    ["export { sep as separator } from 'node:path';", `export const { sep: separator } = ${builtin('node:path')};`],
  ])('rewrites %j', (statement, rewritten) => {
    expect(builtinImportsAsConstants(statement, '/repo/src/x.ts')).toBe(rewritten);
  });

  it.each([
    ["import type { Stats } from 'node:fs';"],
    ["import { parse } from 'yaml';"],
    ["import test from 'test';"],
    ["import { x } from './fs.ts';"],
    ["  const text = \"import fs from 'node:fs';\";"],
  ])('leaves %j alone', (statement) => {
    expect(builtinImportsAsConstants(statement, '/repo/src/x.ts')).toBe(statement);
  });

  it("leaves commander's node:child_process to the lazy import", () => {
    const statement = "import childProcess from 'node:child_process';";
    expect(builtinImportsAsConstants(statement, '/repo/node_modules/commander/lib/command.js')).toBe(statement);
    expect(builtinImportsAsConstants(statement, '/repo/src/workspace/git.ts')).toBe(`const childProcess = ${builtin('node:child_process')};`);
  });

  it('makes the functions of node:fs/promises and node:child_process stand-ins that load the module on first use, and leaves their other exports as they were', () => {
    expect([...lazyBuiltins].sort()).toEqual(['node:child_process', 'node:fs/promises']);
    const rewritten = builtinImportsAsConstants("import { readFile as read, constants } from 'node:fs/promises';", '/repo/src/x.ts');
    expect(rewritten).toMatch(/^const \[read\] = \(\(module, \.\.\.names\) => .*\)\("node:fs\/promises", "readFile"\); const \{ constants \} = globalThis\.process\.getBuiltinModule\("node:fs\/promises"\);$/);
    expect(rewritten).not.toContain('getBuiltinModule("node:fs/promises").readFile');
  });

  it('gives stand-ins that call, construct and read properties as the real functions do', async () => {
    const rewritten = builtinImportsAsConstants("import { readFile } from 'node:fs/promises';\nimport { ChildProcess } from 'node:child_process';", '/repo/src/x.ts');
    const { readFile: lazyRead, ChildProcess: LazyChildProcess } = new Function(`${rewritten}\nreturn { readFile, ChildProcess };`)() as { readFile: typeof import('node:fs/promises').readFile; ChildProcess: typeof import('node:child_process').ChildProcess };
    const file = join(mkdtempSync(join(tmpdir(), 'lazy-builtin-')), 'a.txt');
    writeFileSync(file, 'text');
    expect(await lazyRead(file, 'utf8')).toBe('text');
    // Property reads reach the real function (as util.promisify reads execFile's own promisified form).
    expect([typeof lazyRead, lazyRead.name, lazyRead.length]).toEqual(['function', 'readFile', readFile.length]);
    // A class is a function: constructed and recognised by instanceof through the stand-in.
    const child = new LazyChildProcess();
    expect(child).toBeInstanceOf(LazyChildProcess);
    expect(child).toBeInstanceOf(process.getBuiltinModule('node:child_process').ChildProcess);
  });
});
