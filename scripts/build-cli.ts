// Bundles the `policy` command with esbuild into build/cli/, so that bin/policy starts one
// JavaScript file instead of type-stripping some two hundred TypeScript modules. Code splitting
// keeps each command's dynamic import (src/cli/program.ts) a chunk of its own: `policy --help`
// loads none of them. Run by `npm run build:cli`, `npm run build` and .ci/run (npm ci runs no
// scripts, not even the project's own prepare: .npmrc has ignore-scripts).
//
// The output sits two folders below the repository root, as every src/<layer>/ module does, so
// their `new URL('../../schema/…', import.meta.url)` still finds the repository's files.
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as esbuild from 'esbuild';

/** Where bin/policy looks for the bundle. */
export const bundleFolder = 'build/cli';

/** Build the bundle into `outdir` (relative to the repository root); returns the entry file. */
export async function buildCli(root: string, outdir = bundleFolder): Promise<string> {
  const target = join(root, outdir);
  rmSync(target, { recursive: true, force: true });
  const builtAt = Date.now();
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    // Dependencies written as CommonJS call require(); an ES module has none of its own.
    banner: { js: "import { createRequire as __policyRequire } from 'node:module'; const require = __policyRequire(import.meta.url);" },
    // The language server's YAML engine loads its parts at run time; it stays in node_modules.
    external: ['yaml-language-server', 'vscode-languageserver', 'vscode-languageserver-textdocument', 'vscode-languageserver-types', 'vscode-json-languageservice', 'prettier'],
    logLevel: 'warning',
    legalComments: 'none',
    metafile: true,
  });
  writeFileSync(join(target, 'package.json'), '{ "type": "module" }\n');
  // What bin/policy.mjs compares with the build time to tell a stale bundle: the project's files
  // bundled, the folders holding them (a folder's time changes when a file is added to it), and
  // the lockfile, which every change of a dependency rewrites (one stat call instead of three
  // hundred for the dependencies' files).
  const own = Object.keys(result.metafile.inputs).filter((file) => !file.startsWith('node_modules/'));
  const files = [...own, 'package-lock.json'];
  const folders = [...new Set(own.map((file) => dirname(file)))];
  writeFileSync(join(target, 'inputs.json'), `${JSON.stringify({ builtAt, files, folders })}\n`);
  return join(target, 'main.js');
}

if (import.meta.main) {
  const started = performance.now();
  const entry = await buildCli(process.cwd());
  process.stderr.write(`built ${entry} in ${Math.round(performance.now() - started)} ms\n`);
}
