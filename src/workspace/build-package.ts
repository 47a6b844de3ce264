import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { packageFiles, type PackageFile, type PackageNames, type PackageNaming } from '../compile/package.ts';
import { pythonPackageFiles } from '../compile/python.ts';
import type { PolicyData } from '../runtime/policy-runtime.ts';
import { emitRuntime } from './build-rules.ts';

/**
 * The package naming configured in a project's package.json, under `policy.packages`
 * (`{ "scope": "@acme", "name": "{id}-privacy-rules" }`); none when absent or unreadable.
 */
export async function configuredNaming(projectFolder: string): Promise<PackageNaming> {
  try {
    const manifest = JSON.parse(await readFile(join(projectFolder, 'package.json'), 'utf8')) as { policy?: { packages?: PackageNaming } };
    const naming = manifest.policy?.packages ?? {};
    return { ...(typeof naming.scope === 'string' ? { scope: naming.scope } : {}), ...(typeof naming.name === 'string' ? { name: naming.name } : {}) };
  } catch {
    return {};
  }
}

/** What `buildPackage` wrote: the package folder and the packed tarball. */
export interface BuiltPackage {
  folder: string;
  tarball: string;
}

/**
 * Write a policy's npm package into `<out>/packages/<id>/` (the module, its types, the runtime,
 * every released version's rules.json and hash) and pack it with `npm pack` into
 * `<out>/packages/<name>-<version>.tgz`.
 */
export async function buildPackage(data: PolicyData, names: PackageNames, out: string, log: (line: string) => void = () => {}): Promise<BuiltPackage> {
  const packages = join(out, 'packages');
  const folder = join(packages, data.id);
  await rm(folder, { recursive: true, force: true });
  // The runtime `buildRules` emitted for dist/rules/ is the same: copy it rather than compile twice.
  const emitted = join(out, 'rules', 'lib');
  if (existsSync(emitted)) await cp(emitted, join(folder, 'lib'), { recursive: true });
  else await emitRuntime(join(folder, 'lib'));
  await writeFiles(folder, packageFiles(data, names));
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)('npm', ['pack', '--json', '--pack-destination', resolve(packages)], { cwd: folder }));
  } catch (error) {
    throw new Error(`npm pack failed in ${folder}: ${(error as { stderr?: string }).stderr ?? String(error)}`);
  }
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  const tarball = join(packages, packed!.filename);
  log(`packed ${names.npm}@${data.versions.at(-1)!.rules.version} -> ${tarball}`);
  return { folder, tarball };
}

/**
 * Write a policy's pip-installable Python package into `<out>/python/<id>/`: pyproject.toml,
 * the typed module, the runtime and build backend (src/runtime/python/) and the compiled data.
 */
export async function buildPythonPackage(data: PolicyData, names: PackageNames, out: string, log: (line: string) => void = () => {}): Promise<string> {
  const folder = join(out, 'python', data.id);
  await rm(folder, { recursive: true, force: true });
  // From the repository root, as from the esbuild bundle in build/cli/ (also two folders down).
  const source = (name: string) => readFile(new URL(`../../src/runtime/python/${name}`, import.meta.url), 'utf8');
  await writeFiles(folder, pythonPackageFiles(data, names, { runtime: await source('_runtime.py'), backend: await source('policy_build_backend.py') }));
  log(`wrote ${folder} (Python ${names.python} ${data.versions.at(-1)!.rules.version}, import ${names.module})`);
  return folder;
}

async function writeFiles(folder: string, files: readonly PackageFile[]): Promise<void> {
  for (const file of files) {
    await mkdir(dirname(join(folder, file.path)), { recursive: true });
    await writeFile(join(folder, file.path), file.text);
  }
}
