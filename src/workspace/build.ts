import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { VFile } from 'vfile';
import { packageNames, type PackageNaming } from '../compile/package.ts';
import { summarise, toRecords } from '../diagnostics/format.ts';
import { publishedDocuments } from '../history/published.ts';
import { buildHistory } from './build-history.ts';
import { buildLabels } from './build-labels.ts';
import { buildPackage, buildPythonPackage, configuredNaming } from './build-package.ts';
import { buildRules } from './build-rules.ts';
import { buildSiteData } from './build-site.ts';
import { checkPaths, type PolicyCheck } from './check.ts';

/** Where and how `buildWorkspace` writes. */
export interface BuildOptions {
  out: string;
  /** The package name's scope and name; else package.json's `policy.packages` in `cwd`. */
  packageScope?: string | undefined;
  packageName?: string | undefined;
  /** Build the npm and Python packages (default true). */
  pack?: boolean | undefined;
  /** The repository root, for package.json (default: the process's working directory). */
  cwd?: string | undefined;
}

/** What a build did: nothing found, refused on errors or a bad package name, or built (maybe with warnings). */
export type BuildOutcome =
  | { built: false; reason: 'no-policies' }
  | { built: false; reason: 'errors'; files: VFile[] }
  | { built: false; reason: 'package-name'; message: string }
  | { built: true; files: VFile[]; warnings: number };

/**
 * Check every policy under `paths`, then write into `options.out` each released version's
 * parsed document (`policies/<id>/<version>/document.json`), the compiled rules (`rules/`),
 * the diffs between consecutive versions (`diffs/`) and the release events (`notifications/`),
 * and for each policy with a released version its npm package (`packages/<id>/` and a `.tgz`)
 * and Python package (`python/<id>/`), and its store privacy labels and Art. 30 record
 * (`labels/<id>/`, docs/store-labels.md), and what the site renders of each released version
 * (`site-data/<id>.json`, see `buildSiteData`). Writes nothing when any policy has errors.
 */
export async function buildWorkspace(paths: readonly string[], options: BuildOptions, log: (line: string) => void = () => {}): Promise<BuildOutcome> {
  const results = await checkPaths(paths, (path) => log(`checking ${path}`), { anchor: 'available' });
  if (results.length === 0) return { built: false, reason: 'no-policies' };
  const files = results.map((result) => result.file);
  const summary = summarise(toRecords(files));
  if (summary.errors > 0) return { built: false, reason: 'errors', files };

  const written = await writeBuild(results, options, log);
  if (written) return written;
  return { built: true, files, warnings: summary.warnings };
}

/**
 * Write the build of checked policies into `options.out` (see {@link buildWorkspace}, which
 * refuses first when any policy has errors). The site's in-process build calls it directly,
 * since it publishes released versions only, whatever state the drafts are in. Returns the
 * outcome when a package name is refused, else undefined.
 */
export async function writeBuild(results: readonly PolicyCheck[], options: BuildOptions, log: (line: string) => void = () => {}): Promise<Extract<BuildOutcome, { reason: 'package-name' }> | undefined> {
  const documents = publishedDocuments(results, log);
  for (const document of documents) {
    const folder = join(options.out, 'policies', document.meta.id, document.meta.version);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'document.json'), `${JSON.stringify(document, null, 2)}\n`);
    log(`built ${document.meta.id} ${document.meta.version} -> ${folder}/document.json`);
  }
  const built = await buildRules(documents, options.out, log);
  await buildLabels(documents, options.out, log);
  if (options.pack !== false) {
    const configured = await configuredNaming(options.cwd ?? process.cwd());
    const naming: PackageNaming = { ...configured, ...(options.packageScope !== undefined ? { scope: options.packageScope } : {}), ...(options.packageName !== undefined ? { name: options.packageName } : {}) };
    // Only released versions are published: a policy never released gets no package.
    const released = new Set(results.filter((result) => (result.history?.released.length ?? 0) > 0).map((result) => result.document!.meta.id));
    for (const policy of built) {
      if (!released.has(policy.id)) {
        log(`${policy.id}: no released version, no package`);
        continue;
      }
      let names;
      try {
        names = packageNames(policy.id, naming);
      } catch (error) {
        return { built: false, reason: 'package-name', message: (error as Error).message } as const;
      }
      await buildPackage(policy.data, names, options.out, log);
      await buildPythonPackage(policy.data, names, options.out, log);
    }
  }
  await buildHistory(results, options.out, log);
  await buildSiteData(results, built, options.out, log);
  return undefined;
}
