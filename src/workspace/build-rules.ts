import { execFile } from 'node:child_process';
import { cp, copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PolicyDocument } from '../model/policy.generated.ts';
import type { PolicyData } from '../runtime/policy-runtime.ts';
import { canonicalJson } from '../model/canonical.ts';
import { toJsonLd } from '../compile/jsonld.ts';
import { emitDeclarations, emitModule, versionDataFiles } from '../compile/module.ts';
import { compilePolicy } from '../compile/policy.ts';

const root = new URL('../../', import.meta.url).pathname;

/** What `buildRules` wrote for one policy. */
export interface BuiltPolicy {
  id: string;
  versions: { version: string; hash: string; rulesPath: string }[];
  modulePath: string;
  /** The compiled data the module embeds. */
  data: PolicyData;
}

/**
 * Write the compiled rules of every policy under `<out>/rules/`: per version `rules.json`
 * (canonical JSON), `rules.sha256`, `rules.jsonld` and the `version-data.json` the module reads
 * when the version is first asked for; per policy an ESM module with its `.d.ts`; once, the
 * runtime, the JSON Schemas and a package.json marking the modules as ESM. Documents are
 * grouped by policy id.
 */
export async function buildRules(documents: readonly PolicyDocument[], out: string, log: (line: string) => void = () => {}): Promise<BuiltPolicy[]> {
  const base = join(out, 'rules');
  await emitRuntime(join(base, 'lib'));
  // The modules are ES modules wherever the folder is copied: Node need not guess, which costs an extra parse per file.
  await writeFile(join(base, 'package.json'), '{ "type": "module" }\n');
  await mkdir(join(base, 'schema'), { recursive: true });
  for (const name of ['rules.schema.json', 'policy.schema.json', 'change.schema.json']) await copyFile(join(root, 'schema', name), join(base, 'schema', name));

  const byId = Map.groupBy(documents, (document) => document.meta.id);
  const built: BuiltPolicy[] = [];
  for (const [id, group] of byId) {
    const data = compilePolicy(group);
    const folder = join(base, id);
    await mkdir(folder, { recursive: true });
    const versions = [];
    for (const version of data.versions) {
      const versionFolder = join(folder, version.rules.version);
      await mkdir(versionFolder, { recursive: true });
      const rulesPath = join(versionFolder, 'rules.json');
      await writeFile(rulesPath, canonicalJson(version.rules));
      await writeFile(join(versionFolder, 'rules.sha256'), `${version.hash}  rules.json\n`);
      await writeFile(join(versionFolder, 'rules.jsonld'), `${JSON.stringify(toJsonLd(version.rules, `urn:policy:${id}:${version.rules.version}`), null, 2)}\n`);
      versions.push({ version: version.rules.version, hash: version.hash, rulesPath });
      log(`compiled ${id} ${version.rules.version} rules (sha256 ${version.hash.slice(0, 12)})`);
    }
    for (const file of versionDataFiles(data)) await writeFile(join(folder, file.path), file.text);
    const modulePath = join(folder, 'index.js');
    await writeFile(modulePath, emitModule(data));
    await writeFile(join(folder, 'index.d.ts'), emitDeclarations(data));
    log(`wrote ${modulePath} (+ index.d.ts)`);
    built.push({ id, versions, modulePath, data });
  }
  return built;
}

/**
 * The rules runtime as `npm run generate` emitted it (JS + .d.ts, committed): builds copy it
 * instead of running the TypeScript compiler each time. test/runtime-emitted.test.ts fails
 * when it is stale against src/runtime/.
 */
export const emittedRuntimeFolder = join(root, 'generated/runtime');

/**
 * Write the rules runtime into `target`: a copy of the one `npm run generate` emitted, or,
 * in a checkout without it, compiled now. Also used for the npm packages.
 */
export async function emitRuntime(target: string): Promise<void> {
  await rm(target, { recursive: true, force: true });
  if (existsSync(join(emittedRuntimeFolder, 'runtime', 'policy-runtime.js'))) await cp(emittedRuntimeFolder, target, { recursive: true });
  else await compileRuntime(target);
}

/**
 * Emit the runtime's declarations with the project's TypeScript compiler (.d.ts only, their
 * `.ts` imports pointed at `.js`, which TypeScript resolves to the .d.ts beside them), and its
 * JS as one esbuild bundle, `runtime/policy-runtime.js`: every module file costs an import about
 * a millisecond in Node's loader (docs/benchmarks.md), and a rules module imports only this one,
 * so no other JS is emitted (it would be a second, unused copy of the bundle's code in every
 * package). Run by `npm run generate`.
 */
export async function compileRuntime(target: string): Promise<void> {
  await rm(target, { recursive: true, force: true });
  const tsc = join(root, 'node_modules/.bin/tsc');
  const args = [
    join(root, 'src/runtime/policy-runtime.ts'), join(root, 'src/runtime/verify.ts'),
    '--outDir', target, '--rootDir', join(root, 'src'),
    '--declaration', '--emitDeclarationOnly', '--module', 'nodenext', '--target', 'es2024', '--lib', 'es2024,esnext.temporal',
    '--ignoreConfig', '--types', '', '--strict', '--skipLibCheck', '--rewriteRelativeImportExtensions', '--allowImportingTsExtensions',
  ];
  try {
    await promisify(execFile)(tsc, args, { cwd: root });
  } catch (error) {
    const output = (error as { stdout?: string }).stdout ?? String(error);
    throw new Error(`could not compile the rules runtime with ${tsc}:\n${output}`);
  }
  for (const file of await listFiles(target)) {
    if (!file.endsWith('.d.ts')) continue;
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(/(from\s+["'][^"']+)\.ts(["'])/g, '$1.js$2'));
  }
  const esbuild = join(root, 'node_modules/.bin/esbuild');
  const bundle = [
    join(root, 'src/runtime/policy-runtime.ts'), '--bundle', '--format=esm', '--platform=neutral', '--target=es2024',
    `--outfile=${join(target, 'runtime/policy-runtime.js')}`, '--allow-overwrite', '--log-level=warning',
    '--banner:js=// The rules runtime, bundled from src/runtime/ by `npm run generate`. Do not edit.',
  ];
  try {
    await promisify(execFile)(esbuild, bundle, { cwd: root });
  } catch (error) {
    throw new Error(`could not bundle the rules runtime with ${esbuild}:\n${(error as { stderr?: string }).stderr ?? String(error)}`);
  }
}

/** Every file below a folder (recursively). */
export async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

