import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { verifyHistory } from './history/verify.ts';
import { checkPending, compareWithRelease } from './history/pending.ts';
import { checkDrift } from './history/drift.ts';
import { checkTranslation, translationFile } from './translate/check.ts';
import { VFile } from 'vfile';
import { checkPolicy, type CheckResult } from './check.ts';
import { fileFromBytes, readPolicyFile as readFromDisk, type ReadOptions } from './parse/read.ts';
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

/** Options of a check run. */
export interface CheckOptions extends ReadOptions {
  /** The date a release would happen, YYYY-MM-DD (default: today), for notice periods. */
  today?: string;
  /**
   * Texts to use instead of the files on disk, by absolute path: an editor's unsaved buffers.
   * A path in the overlay exists even if it was never saved.
   */
  overlay?: ReadonlyMap<string, string>;
}

/**
 * Check every policy file under the given paths. A path that does not exist gets a message.
 * A policy in its folder (`<id>/policy.md`) also has its released history verified and its
 * version compared with the latest release; a broken manifest is a result of its own.
 */
export async function checkPaths(paths: readonly string[], onFile?: (path: string) => void, options: CheckOptions = {}): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const overlay = options.overlay;
  const readPolicyFile = (path: string, read: ReadOptions) => {
    const text = overlay?.get(resolve(path));
    return text === undefined ? readFromDisk(path, read) : Promise.resolve(fileFromBytes(path, new TextEncoder().encode(text), read));
  };
  for (const root of paths) {
    for (const path of await findPolicyFiles(root)) {
      onFile?.(path);
      const before = results.length;
      try {
        await checkOne(path);
      } catch (error) {
        // One file's failure is that file's finding: the others are still checked.
        const own = results.slice(before).find((result) => result.file.path === path);
        const file = own?.file ?? new VFile({ path });
        const reason = error instanceof Error ? error.message : String(error);
        report(file, 'internal-error', `policy check failed on this file (${reason.split('\n', 1)[0]!.slice(0, 200)}); the other files were still checked`, { line: 1, column: 1 });
        if (!own) results.push({ file });
      }
    }
  }
  return results;

  async function checkOne(path: string): Promise<void> {
    const exists = overlay?.has(resolve(path)) || (await stat(path).then((s) => s.isFile(), () => false));
    if (!exists) {
      const file = new VFile({ path });
      report(file, 'missing-file', `Cannot find a policy at \`${path}\``);
      results.push({ file });
      return;
    }
    if (translationFile.test(basename(path)) && (overlay?.has(resolve(dirname(path), policyFileName)) || existsSync(join(dirname(path), policyFileName)))) {
      // A translation named on its own is checked against the policy beside it.
      const source = checkPolicy(await readPolicyFile(join(dirname(path), policyFileName), options));
      const file = await readPolicyFile(path, options);
      if (source.document) checkTranslation(file, source.document);
      results.push({ file });
      return;
    }
    const result = checkPolicy(await readPolicyFile(path, options));
    results.push(result);
    if (basename(path) === policyFileName && result.document) {
      const translations = (await readdir(dirname(path)).catch(() => [] as string[])).filter((name) => translationFile.test(name)).sort();
      for (const name of translations) {
        const file = await readPolicyFile(join(dirname(path), name), options);
        const translation = checkTranslation(file, result.document);
        results.push({ file });
        if (translation) (result.translations ??= []).push(translation);
      }
    }
    if (basename(path) === policyFileName && result.document) {
      const history = await verifyHistory(dirname(path), result.document.meta.id);
      result.history = history;
      if (history.file.messages.length > 0) results.push({ file: history.file });
      const latest = history.released.at(-1);
      if (latest) {
        const pending = compareWithRelease(result.document, String(result.file.value), latest);
        result.pending = pending;
        const front = result.parsed?.frontMatter;
        checkPending(result.file, result.document, pending, { version: front?.locate(['version']), effective: front?.locate(['effective']) }, options.today ?? new Date().toISOString().slice(0, 10));
        if (pending.proseChanged) checkDrift(result.file, result.document, String(result.file.value), latest);
      }
    }
  }
}
