import { existsSync, readdirSync, statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { History } from '../history/verify.ts';
import { anchorSession, verifyAgainstGit } from '../history/anchor.ts';
import type { PendingChange } from '../history/pending.ts';
import { translationFile } from '../translate/file-name.ts';
import type { Translation } from '../translate/check.ts';
import { VFile } from 'vfile';
import type { FileCheck } from '../check.ts';
import { fileFromBytes, type ReadOptions } from '../parse/read.ts';
import type { VersionManifest } from '../model/manifest.generated.ts';
import { readPolicyFile as readFromDisk } from './read.ts';
import { report } from '../diagnostics/report.ts';
import type { SnapshotStore } from '../history/snapshot-store.ts';
import { workspaceSnapshotStore } from './snapshot-cache.ts';
import { cachedCheck, checkKey, keepCheck, restoredFile, restoreMessages, storedMessages, type CachedPolicyCheck, type CheckCache, type CheckKey, type StoredFile } from './check-cache.ts';

/** The parser, validators, linter and classifier: loaded when a file is checked, not when the cache answers. */
const loadSteps = () => import('./check-steps.ts');

/** The file of a policy's working draft inside its folder. */
export const policyFileName = 'policy.md';

/**
 * The policy files a path names: a file as given; a folder holding `policy.md`; or every
 * such folder below it. Missing paths are returned as-is so the check can report them.
 */
export async function findPolicyFiles(path: string): Promise<string[]> {
  // Synchronous: a few stats, each cheaper than a thread-pool round trip, and node:fs/promises
  // is not loaded for them (a warm check needs it for nothing else).
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return [path];
  if (info.isFile()) return [path];
  const own = join(path, policyFileName);
  if (isFile(own)) return [own];
  const entries = readdirSync(path, { withFileTypes: true });
  const nested = await Promise.all(
    entries.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules').sort((a, b) => a.name.localeCompare(b.name)).map((entry) => findPolicyFiles(join(path, entry.name))),
  );
  return nested.flat().filter((file) => file.endsWith('.md'));
}

/** Whether `path` is a file (following links); false when it cannot be read. */
function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

/**
 * The outcome of checking a file in the workspace: the file check, and for a policy in its
 * folder what the folder adds (released history, pending changes, translations).
 */
export interface PolicyCheck extends FileCheck {
  /** For a policy in its folder: its verified released history. */
  history?: History;
  /** For a policy with releases: what the draft changes since the latest one. */
  pending?: PendingChange;
  /** For a policy in its folder: its well-formed translations (policy.<locale>.md). */
  translations?: Translation[];
  /**
   * True when the result came from the check cache ({@link CheckOptions.cache}): its findings
   * and document are those of the run that computed them from the same bytes; `history`,
   * `pending`, `translations`, `parsed` and `merged` are not kept.
   */
  cached?: boolean;
}

/** Options of a check run. */
export interface CheckOptions extends ReadOptions {
  /** The date a release would happen, YYYY-MM-DD (default: today), for notice periods. */
  today?: string;
  /**
   * Check as \`policy release\` does: an effective date too early for a release on \`today\`
   * is an error, not a warning.
   */
  releasing?: boolean;
  /**
   * Verify released history against git (see {@link verifyAgainstGit}): `available` where the
   * policy is in a full clone, `required` to make a missing or shallow history an error (CI).
   * Off by default: the editor checks as you type and git is the CLI's business.
   */
  anchor?: 'off' | 'available' | 'required';
  /**
   * Texts to use instead of the files on disk, by absolute path: an editor's unsaved buffers.
   * A path in the overlay exists even if it was never saved.
   */
  overlay?: ReadonlyMap<string, string>;
  /**
   * Where released snapshots' checks are kept between runs (default: `.policy/cache/` in the
   * working directory); `false` checks every snapshot again.
   */
  store?: SnapshotStore | false;
  /**
   * Keep each policy's check between runs and answer from it when nothing it depends on
   * changed (see src/workspace/check-cache.ts; the CLI passes `workspaceCheckCache()`). Off by
   * default: a cached result carries findings and the document only. Not used with `overlay`.
   */
  cache?: CheckCache | undefined;
}

/** The policy id a file's place implies: its folder's name when it sits in `policies/<id>/`. */
function folderId(path: string): string | undefined {
  return basename(dirname(dirname(path))) === 'policies' ? basename(dirname(path)) : undefined;
}

/**
 * Check every policy file under the given paths. A path that does not exist gets a message.
 * A policy in its folder (`<id>/policy.md`) also has its released history verified and its
 * version compared with the latest release; a broken manifest is a result of its own.
 */
export async function checkPaths(paths: readonly string[], onFile?: (path: string) => void, options: CheckOptions = {}): Promise<PolicyCheck[]> {
  const results: PolicyCheck[] = [];
  const overlay = options.overlay;
  const store = options.store === false ? undefined : (options.store ?? workspaceSnapshotStore());
  // Signing keys and release tags are read once per repository, not once per policy, and
  // kept between runs while the files git reads for them are unchanged.
  const anchors = anchorSession(store?.derived?.('git'));
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

  /** Store labels committed beside the policy (`labels/`) must say what the policy states now. */
  async function checkLabels(folder: string, document: NonNullable<PolicyCheck['document']>): Promise<void> {
    const { labelDrift, labelFiles, labelOutputs } = await loadSteps();
    const committed = [labelFiles.googlePlay, labelFiles.apple, labelFiles.manifest, labelFiles.record];
    const present = (await readdir(join(folder, 'labels')).catch(() => [] as string[])).filter((name) => (committed as string[]).includes(name)).sort();
    if (present.length === 0) return;
    const outputs = labelOutputs(document);
    for (const name of present) {
      const labelPath = join(folder, 'labels', name);
      const drift = labelDrift(name, await readFile(labelPath, 'utf8'), outputs);
      if (drift === undefined) continue;
      const file = new VFile({ path: labelPath });
      report(file, 'store-label-drift', drift.message, { line: drift.line, column: 1 });
      results.push({ file });
    }
  }

  async function checkOne(path: string): Promise<void> {
    if (options.cache && !overlay && basename(path) === policyFileName && isFile(path)) {
      // Every option that can change a finding is an input; those that cannot (where results are kept, git) are not.
      const { today, releasing, anchor: _anchor, overlay: _overlay, store: _store, cache: _cache, ...read } = options;
      const inputs = { path, expectedId: folderId(path), today: today ?? new Date().toISOString().slice(0, 10), releasing: releasing ?? false, read };
      const key = await checkKey(dirname(path), inputs);
      const entry = key && (await cachedCheck(options.cache, key));
      if (key && entry) return answerFromCache(path, key, entry);
      const start = results.length;
      const history = await checkFolder(path);
      // A file saved while it was checked: these findings may be of bytes the key never saw, so
      // they are kept only when the folder still holds the bytes the key was made of.
      if (key && (await checkKey(dirname(path), inputs))?.inputs === key.inputs) await keepFolderCheck(options.cache, key, results.slice(start), history, dirname(path));
      if (history) await anchor(dirname(path), history.history);
      return;
    }
    const history = await checkFolder(path);
    if (history) await anchor(dirname(path), history.history);
  }

  /** Verify the released history against git (never from the check cache: git's answers are kept apart, keyed by the files git reads for them). */
  async function anchor(folder: string, history: History): Promise<void> {
    if ((options.anchor ?? 'off') !== 'off') await verifyAgainstGit(folder, history, options.anchor === 'required', { store: store?.derived?.('anchor'), session: anchors });
    if (history.file.messages.length > 0) results.push({ file: history.file });
  }

  /** The results of a policy's check, from a cache entry for exactly these inputs; git is still asked. */
  async function answerFromCache(path: string, key: CheckKey, entry: CachedPolicyCheck): Promise<void> {
    const [own, ...others] = entry.files.map((stored) => restoredFile(stored, key.bytes));
    results.push({ file: own!, ...(entry.document ? { document: entry.document } : {}), cached: true });
    for (const file of others) results.push({ file });
    if (!entry.history) return;
    const file = new VFile({ path: entry.history.path });
    restoreMessages(file, entry.history.messages);
    const manifestText = key.bytes.get(join('versions', 'manifest.json'));
    const manifest = entry.history.manifest && manifestText ? (JSON.parse(manifestText.toString('utf8')) as VersionManifest) : undefined;
    if (manifestText) file.value = manifestText.toString('utf8');
    await anchor(dirname(path), { file, manifest, released: [], orphans: [] });
  }

  /** Keep what checking a policy's folder found (before git was asked) for the next run. */
  async function keepFolderCheck(cache: CheckCache, key: CheckKey, checked: readonly PolicyCheck[], history: { history: History; findings: number } | undefined, folder: string): Promise<void> {
    // A check that failed part-way (an internal error) is not kept: the next run tries again.
    if (checked.length === 0 || checked.some((result) => result.file.messages.some((message) => message.ruleId === 'internal-error'))) return;
    const byPath = new Map([...key.bytes.keys()].map((name) => [resolve(folder, name), name]));
    const files: StoredFile[] = checked.map((result) => ({
      path: result.file.path,
      text: result.file.value === undefined ? undefined : byPath.get(resolve(result.file.path)),
      messages: storedMessages(result.file.messages),
    }));
    const first = checked[0]!;
    await keepCheck(cache, key, {
      files,
      document: first.document,
      history: history ? { path: history.history.file.path, messages: storedMessages(history.history.file.messages.slice(0, history.findings)), manifest: history.history.manifest !== undefined } : undefined,
    });
  }

  /**
   * Check a policy file and, for a policy in its folder, its translations, labels, released
   * history and pending change. Returns the history for git to be asked about, with the count
   * of its findings so far.
   */
  async function checkFolder(path: string): Promise<{ history: History; findings: number } | undefined> {
    const exists = overlay?.has(resolve(path)) || (await stat(path).then((s) => s.isFile(), () => false));
    if (!exists) {
      const file = new VFile({ path });
      report(file, 'missing-file', `Cannot find a policy at \`${path}\``);
      results.push({ file });
      return undefined;
    }
    if (translationFile.test(basename(path)) && (overlay?.has(resolve(dirname(path), policyFileName)) || existsSync(join(dirname(path), policyFileName)))) {
      // A translation named on its own is checked as its folder is, against the policy beside
      // it and the translation released with it; only its own result is kept.
      const start = results.length;
      await checkOne(join(dirname(path), policyFileName));
      const own = results.splice(start).find((result) => resolve(result.file.path) === resolve(path));
      results.push(own ?? { file: await readPolicyFile(path, options) });
      return undefined;
    }
    const { checkPolicy, checkTranslation, verifyHistory, compareWithRelease, checkPending, checkUpdated, checkDrift, checkIds, firstChangedLine, nextVersion, checkTranslationDrift, checkEffectiveDate } = await loadSteps();
    const result: PolicyCheck = checkPolicy(await readPolicyFile(path, options), { expectedId: folderId(path) });
    results.push(result);
    // The translation files beside the policy, by locale: released text like policy.md.
    const translationFiles = new Map<string, VFile>();
    if (basename(path) === policyFileName && result.document) {
      const translations = (await readdir(dirname(path)).catch(() => [] as string[])).filter((name) => translationFile.test(name)).sort();
      for (const name of translations) {
        const file = await readPolicyFile(join(dirname(path), name), options);
        translationFiles.set(translationFile.exec(name)![1]!, file);
        const translation = checkTranslation(file, result.document);
        results.push({ file });
        if (translation) (result.translations ??= []).push(translation);
      }
    }
    if (basename(path) === policyFileName && result.document) await checkLabels(dirname(path), result.document);
    if (basename(path) === policyFileName && result.document) {
      const history = await verifyHistory(dirname(path), result.document.meta.id, { store });
      result.history = history;
      const latest = history.released.at(-1);
      const front = result.parsed?.frontMatter;
      const today = options.today ?? new Date().toISOString().slice(0, 10);
      if (latest) {
        const texts = new Map([...translationFiles].map(([locale, file]) => [locale, String(file.value ?? '')]));
        const pending = compareWithRelease(result.document, String(result.file.value), latest, texts);
        result.pending = pending;
        checkPending(result.file, result.document, pending, { version: front?.locate(['version']) });
        if (pending.declared !== 'none' && pending.declared !== 'lower') checkUpdated(result.file, result.document, pending, front?.locate(['updated']), today);
        if (pending.proseChanged) checkDrift(result.file, result.document, String(result.file.value), latest);
        if (pending.changes.length > 0) checkIds(result.file, result.document, latest.document, String(result.file.value));
        for (const locale of pending.translations) {
          const file = translationFiles.get(locale);
          if (!file) continue;
          const released = latest.translations.find((translation) => translation.locale === locale);
          if (pending.declared === 'none') {
            // At the edit: the first line that differs from the released translation (a new one from its start).
            const line = released ? firstChangedLine(released.text, String(file.value ?? '')) : 1;
            report(file, 'released-version-modified', `This translation is not the one released with version ${latest.entry.version} on ${latest.entry.released}: translations are released text, so the change needs a new version of the policy; give policy.md version ${nextVersion(latest.entry.version, pending.required === 'none' ? 'patch' : pending.required)} or higher and release it`, { line, column: 1 });
          }
          if (released) checkDrift(file, result.document, String(file.value ?? ''), released);
          if (released) checkTranslationDrift(file, locale, String(file.value ?? ''), released, latest.entry.version);
        }
      }
      // The dates of a draft that changes a released version. A first release records a
      // policy as it already stands (often in force for years), so its date is as given. A draft whose version number is wrong gets that error alone: its dates come after.
      if (latest && result.pending && result.pending.required !== 'none' && result.pending.declared !== 'none' && result.pending.declared !== 'lower') {
        checkEffectiveDate(result.file, result.document, result.pending, history.released.map((version) => version.entry), { effective: front?.locate(['effective']) }, today, options.releasing ?? false);
      }
      return { history, findings: history.file.messages.length };
    }
    return undefined;
  }
}
