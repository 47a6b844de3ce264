import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { checkPolicy, type CheckResult } from './check.ts';
import { readPolicyFile, type ReadOptions } from './parse/read.ts';
import { report } from './diagnostics/report.ts';

/** The file of a policy's working draft inside its folder. */
export const policyFileName = 'policy.md';

/**
 * The policy files a path names: a file as given; a folder holding `policy.md`; or every
 * such folder below it. Missing paths are returned as-is so the check can report them.
 */
export async function findPolicyFiles(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return [path];
  if (info.isFile()) return [path];
  const own = join(path, policyFileName);
  if (await stat(own).then((s) => s.isFile(), () => false)) return [own];
  const entries = await readdir(path, { withFileTypes: true });
  const nested = await Promise.all(
    entries.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules').sort((a, b) => a.name.localeCompare(b.name)).map((entry) => findPolicyFiles(join(path, entry.name))),
  );
  return nested.flat().filter((file) => file.endsWith('.md'));
}

/** Check every policy file under the given paths. A path that does not exist gets a message. */
export async function checkPaths(paths: readonly string[], onFile?: (path: string) => void, options: ReadOptions = {}): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const root of paths) {
    for (const path of await findPolicyFiles(root)) {
      onFile?.(path);
      const exists = await stat(path).then((s) => s.isFile(), () => false);
      if (!exists) {
        const file = new VFile({ path });
        report(file, 'missing-file', `Cannot find a policy at \`${path}\``);
        results.push({ file });
        continue;
      }
      results.push(checkPolicy(await readPolicyFile(path, options)));
    }
  }
  return results;
}
