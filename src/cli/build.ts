import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkPaths } from '../workspace/check.ts';
import { buildRules } from '../workspace/build-rules.ts';
import { buildHistory } from '../workspace/build-history.ts';
import { buildPackage, buildPythonPackage, configuredNaming } from '../workspace/build-package.ts';
import { packageNames, type PackageNaming } from '../compile/package.ts';
import { formatMessages, summarise, toRecords } from '../diagnostics/format.ts';
import { publishedDocuments } from '../history/published.ts';

/**
 * Run `policy build`: check every policy, then write into the output folder each released
 * version's parsed document (`policies/<id>/<version>/document.json`), the compiled rules
 * (`rules/`), the diffs between consecutive versions (`diffs/`) and the release events
 * (`notifications/`), and for each policy with a released version its npm package
 * (`packages/<id>/` and a `.tgz`) and Python package (`python/<id>/`). Refuses to build when any policy has errors. The package
 * name comes from `--package-scope`/`--package-name`, else package.json's `policy.packages`.
 */
export async function runBuild(paths: readonly string[], options: { out: string; color: boolean; packageScope?: string; packageName?: string; pack?: boolean }, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const results = await checkPaths(paths.length > 0 ? paths : ['policies'], (path) => err(`checking ${path}\n`), { anchor: 'available' });
  if (results.length === 0) {
    err(`policy build: no policy files found under ${paths.join(', ')}\n`);
    return 2;
  }
  const files = results.map((result) => result.file);
  const summary = summarise(toRecords(files, process.cwd()));
  if (summary.errors > 0) {
    out(formatMessages(files, 'pretty', { color: options.color, cwd: process.cwd() }));
    err('policy build: not building, fix the errors above first\n');
    return 1;
  }
  if (summary.warnings > 0) err(`${summary.warnings} warning(s); run \`policy check\` to see them\n`);

  const documents = publishedDocuments(results, (line) => err(`${line}\n`));
  for (const document of documents) {
    const folder = join(options.out, 'policies', document.meta.id, document.meta.version);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'document.json'), `${JSON.stringify(document, null, 2)}\n`);
    err(`built ${document.meta.id} ${document.meta.version} -> ${folder}/document.json\n`);
  }
  const built = await buildRules(documents, options.out, (line) => err(`${line}\n`));
  if (options.pack !== false) {
    const configured = await configuredNaming(process.cwd());
    const naming: PackageNaming = { ...configured, ...(options.packageScope !== undefined ? { scope: options.packageScope } : {}), ...(options.packageName !== undefined ? { name: options.packageName } : {}) };
    // Only released versions are published: a policy never released gets no package.
    const released = new Set(results.filter((result) => (result.history?.released.length ?? 0) > 0).map((result) => result.document!.meta.id));
    for (const policy of built) {
      if (!released.has(policy.id)) {
        err(`${policy.id}: no released version, no package\n`);
        continue;
      }
      let names;
      try {
        names = packageNames(policy.id, naming);
      } catch (error) {
        err(`policy build: ${(error as Error).message}\n`);
        return 2;
      }
      await buildPackage(policy.data, names, options.out, (line) => err(`${line}\n`));
      await buildPythonPackage(policy.data, names, options.out, (line) => err(`${line}\n`));
    }
  }
  await buildHistory(results, options.out, (line) => err(`${line}\n`));
  return 0;
}
