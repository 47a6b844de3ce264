import { describe, expect, it } from 'vitest';
import { builtinImportsAsConstants } from '../scripts/build-cli.ts';

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
});
