import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { VFile } from 'vfile';
import { checkPolicy } from '../check.ts';
import { canonicalJson, sha256 } from '../model/canonical.ts';
import { compileRules } from '../compile/rules.ts';
import { report } from '../diagnostics/report.ts';
import type { VersionEntry, VersionManifest } from '../model/manifest.generated.ts';
import type { PolicyDocument } from '../model/policy.generated.ts';
import { fileFromBytes } from '../parse/read.ts';
import type { ParsedPolicy } from '../parse/policy-file.ts';
import { parsePolicy } from '../parse/policy-file.ts';
import { parseYamlSource, type YamlSource } from '../parse/yaml-source.ts';
import { validateAgainst } from '../validate/schema.ts';
import { convertedLineEndings } from './line-endings.ts';
import { entryHash, isTemporaryFile, manifestPath, versionsFolder } from './manifest.ts';
import type { SnapshotStore } from './snapshot-store.ts';

/**
 * Files in versions/ that no manifest entry names. Dotfiles (.DS_Store) are the system's; a
 * `<name>.<pid>.tmp` is a write a crash interrupted, which the next release cleans up.
 */
function unlisted(names: readonly string[], listed: ReadonlySet<string>): string[] {
  return names.filter((name) => !listed.has(name) && name !== 'manifest.json' && !name.startsWith('.') && !isTemporaryFile(name));
}

/** A released version, verified against the manifest. */
export interface ReleasedVersion {
  entry: VersionEntry;
  document: PolicyDocument;
  /** The snapshot's bytes, as released. */
  text: string;
  /** Its parse, for renderers that need the Markdown tree (parsed when first read). */
  readonly parsed: ParsedPolicy;
  /** The translations released with it, as released (verified against their hashes). */
  translations: ReleasedTranslation[];
}

/** A translation as released with a version: `versions/<version>.<locale>.md`. */
export interface ReleasedTranslation {
  locale: string;
  /** The snapshot, relative to the versions folder. */
  file: string;
  text: string;
}

/** The verified history of one policy; `file` carries the diagnostics about manifest.json. */
export interface History {
  file: VFile;
  manifest: VersionManifest | undefined;
  released: ReleasedVersion[];
  /** Files in versions/ that no manifest entry names. */
  orphans: string[];
}

/** Options of {@link verifyHistory}. */
export interface VerifyOptions {
  /**
   * Where checked snapshots are kept between runs: a snapshot whose bytes (and the engine) are
   * unchanged since it was last checked is not parsed, checked or compiled again.
   */
  store?: SnapshotStore | undefined;
  /**
   * Read only these versions' snapshots (the manifest's chain is still verified in full): for
   * a command that needs two versions, such as `policy diff allai 1.0.0 1.0.1`.
   */
  versions?: ReadonlySet<string> | undefined;
}

/**
 * Verify a policy's released history: the manifest's schema, each snapshot's SHA-256, the
 * chain of entry hashes, ascending versions, and no snapshot outside the manifest. Every
 * break is a `history-tampered` error on manifest.json (`history-line-endings` when a checkout
 * only converted a file's line endings). A policy with no `versions/` has
 * no history yet.
 */
export async function verifyHistory(policyFolder: string, policyId: string, options: VerifyOptions = {}): Promise<History> {
  const path = manifestPath(policyFolder);
  const file = new VFile({ path });
  // Synchronous, as the snapshots are read: small files, and a warm `policy diff` loads node:fs/promises for nothing else.
  const text = attempt(() => readFileSync(path, 'utf8'));
  const folderEntries = attempt(() => readdirSync(versionsFolder(policyFolder)));
  if (text === undefined) {
    // Without a manifest nothing was released: files here are a first release that was
    // interrupted before its manifest (which `policy release` completes or rolls back), or debris.
    const orphans = unlisted(folderEntries ?? [], new Set());
    if (orphans.length > 0) report(file, 'history-tampered', `versions/ holds ${orphans.join(', ')} but manifest.json is missing; if a first \`policy release\` was interrupted, run it again to complete it, or with --rollback to undo it`, { line: 1, column: 1 });
    return { file, manifest: undefined, released: [], orphans };
  }
  file.value = text;
  // A manifest verified clean before (this text, this engine) needs only its files' bytes
  // compared with the hashes it pins: what the rest of the checks found depends on nothing else.
  const record = options.store?.derived?.<true>('history');
  const recordKey = sha256(`${policyId}\0${text}`);
  if (record && (await record.get(recordKey)) === true) {
    const verified = readVerified(policyFolder, text, folderEntries ?? [], options);
    if (verified) return { file, ...verified };
  }
  try {
    JSON.parse(text);
  } catch (error) {
    report(file, 'history-tampered', `manifest.json is not valid JSON (${error instanceof Error ? error.message : String(error)}): it was edited by hand`, { line: 1, column: 1 });
    return { file, manifest: undefined, released: [], orphans: [] };
  }
  const source = manifestSource(file, text);
  if (source.data === undefined || !validateAgainst(file, source, 'manifest.schema.json', 'the manifest')) return { file, manifest: undefined, released: [], orphans: [] };
  const manifest = source.data as VersionManifest;
  if (manifest.policy !== policyId) report(file, 'history-tampered', `The manifest is for policy \`${manifest.policy}\`, not \`${policyId}\``, source.locate(['policy']));

  const released: ReleasedVersion[] = [];
  const listed = new Set(['manifest.json']);
  for (const [index, entry] of manifest.versions.entries()) {
    const at = (key: keyof VersionEntry) => source.locate(['versions', index, key]);
    listed.add(entry.file);
    if (entry.event) listed.add(entry.event);
    for (const translation of entry.translations ?? []) listed.add(translation.file);
    const previous = manifest.versions[index - 1];
    if (entry.previous !== (previous?.hash ?? null)) report(file, 'history-tampered', `The entry for ${entry.version} does not link to the entry before it: a version was removed or reordered`, at('previous'));
    if (entryHash(entry) !== entry.hash) report(file, 'history-tampered', `The entry for ${entry.version} was edited after release (its hash no longer matches)`, at('hash'));
    if (previous && (!semver.valid(entry.version) || !semver.valid(previous.version) || !semver.gt(entry.version, previous.version))) {
      report(file, 'history-tampered', `Version ${entry.version} comes after ${previous.version} but is not higher`, at('version'));
    }
    if (entry.file !== `${entry.version}.md` || (entry.event !== undefined && entry.event !== `${entry.version}.event.json`)) {
      report(file, 'history-tampered', `The entry for ${entry.version} points at ${entry.file}${entry.event ? ` and ${entry.event}` : ''}, not at its own ${entry.version}.md`, at('file'));
      continue;
    }
    if (options.versions && !options.versions.has(entry.version)) continue;
    if (entry.event !== undefined && entry.eventSha256 === undefined) report(file, 'history-tampered', `The entry for ${entry.version} names an event without its hash`, at('event'));
    const snapshotPath = join(versionsFolder(policyFolder), entry.file);
    const read = readIfPresent(snapshotPath);
    if (!read) {
      report(file, 'history-tampered', `The snapshot of released version ${entry.version} (${entry.file}) is missing`, at('file'));
      continue;
    }
    let bytes: Buffer = read;
    if (sha256(bytes) !== entry.sha256) {
      const converted = convertedLineEndings(bytes, entry.sha256);
      if (!converted) {
        report(file, 'history-tampered', `The snapshot of released version ${entry.version} (${entry.file}) was modified after release`, at('sha256'));
        continue;
      }
      report(file, 'history-line-endings', `The snapshot of released version ${entry.version} (${entry.file}) has ${converted.found} line endings: it matches the release once they are converted back, so git converted them on checkout; it was not edited`, at('sha256'));
      // The rest of the checks read the released bytes, which the conversion gave back.
      bytes = converted.released;
    }
    if (entry.event && entry.eventSha256) {
      const event = readIfPresent(join(versionsFolder(policyFolder), entry.event));
      const converted = event && sha256(event) !== entry.eventSha256 ? convertedLineEndings(event, entry.eventSha256) : undefined;
      if (converted) report(file, 'history-line-endings', `The notification event of ${entry.version} (${entry.event}) has ${converted.found} line endings: it matches the release once they are converted back, so git converted them on checkout; it was not edited`, at('event'));
      else if (!event || sha256(event) !== entry.eventSha256) report(file, 'history-tampered', `The notification event of ${entry.version} (${entry.event}) is missing or was modified`, at('event'));
    }
    const checked = await checkSnapshot(snapshotPath, bytes, entry.sha256, options.store);
    if ('failure' in checked) {
      report(file, 'history-tampered', `Released version ${entry.version} (${entry.file}) no longer reads as a valid policy${checked.failure}`, at('file'));
      continue;
    }
    const { meta } = checked.document;
    if (meta.version !== entry.version || meta.effective !== entry.effective) {
      report(file, 'history-tampered', `The entry for ${entry.version} (effective ${entry.effective}) does not match its snapshot (version ${meta.version}, effective ${meta.effective})`, at('version'));
    }
    if (entry.rulesSha256 !== undefined && checked.rulesSha256 !== entry.rulesSha256) {
      report(file, 'history-tampered', `The compiled rules of ${entry.version} no longer match the hash recorded at release`, at('rulesSha256'));
    }
    const translations: ReleasedTranslation[] = [];
    for (const [at_, translation] of (entry.translations ?? []).entries()) {
      const place = source.locate(['versions', index, 'translations', at_, 'file']);
      if (translation.file !== `${entry.version}.${translation.locale}.md`) {
        report(file, 'history-tampered', `The entry for ${entry.version} points at ${translation.file}, not at its own ${entry.version}.${translation.locale}.md`, place);
        continue;
      }
      const snapshot: Buffer | undefined = attempt(() => readFileSync(join(versionsFolder(policyFolder), translation.file)));
      const converted = snapshot && sha256(snapshot) !== translation.sha256 ? convertedLineEndings(snapshot, translation.sha256) : undefined;
      if (converted) {
        report(file, 'history-line-endings', `The ${translation.locale} translation released with ${entry.version} (${translation.file}) has ${converted.found} line endings: it matches the release once they are converted back, so git converted them on checkout; it was not edited`, place);
      } else if (!snapshot || sha256(snapshot) !== translation.sha256) {
        report(file, 'history-tampered', `The ${translation.locale} translation released with ${entry.version} (${translation.file}) is missing or was modified after release`, place);
        continue;
      }
      // The rest read the released bytes, which the conversion gave back.
      translations.push({ locale: translation.locale, file: translation.file, text: (converted?.released ?? snapshot!).toString('utf8') });
    }
    released.push(releasedVersion(entry, checked.document, snapshotPath, bytes, checked.parsed, translations));
  }
  const orphans = unlisted(folderEntries ?? [], listed);
  for (const name of orphans) report(file, 'history-tampered', `versions/${name} is not a released version in the manifest`, { line: 1, column: 1 });
  // Only a whole history that verified without a word is recorded as verified.
  if (record && !options.versions && file.messages.length === 0) await record.set(recordKey, true);
  return { file, manifest, released, orphans };
}

/**
 * The history of a manifest verified clean before: every snapshot, event and translation it
 * names is read and its SHA-256 compared with the manifest, as on every run, but the manifest
 * is not validated and the snapshots are not checked again (their documents are read from the
 * store when asked for). Undefined at the first difference (a changed byte, a missing or an
 * extra file), and the caller verifies in full, which reports it.
 */
function readVerified(policyFolder: string, text: string, folderEntries: readonly string[], options: VerifyOptions): Omit<History, 'file'> | undefined {
  const manifest = JSON.parse(text) as VersionManifest;
  const folder = versionsFolder(policyFolder);
  const matches = (name: string, hash: string | undefined) => {
    const bytes = readIfPresent(join(folder, name));
    return bytes && hash !== undefined && sha256(bytes) === hash ? bytes : undefined;
  };
  const released: ReleasedVersion[] = [];
  const listed = new Set(['manifest.json']);
  for (const entry of manifest.versions) {
    listed.add(entry.file);
    if (entry.event) listed.add(entry.event);
    for (const translation of entry.translations ?? []) listed.add(translation.file);
    if (options.versions && !options.versions.has(entry.version)) continue;
    const bytes = matches(entry.file, entry.sha256);
    if (!bytes || (entry.event && !matches(entry.event, entry.eventSha256))) return undefined;
    const translations: ReleasedTranslation[] = [];
    for (const translation of entry.translations ?? []) {
      const snapshot = matches(translation.file, translation.sha256);
      if (!snapshot) return undefined;
      translations.push({ locale: translation.locale, file: translation.file, text: snapshot.toString('utf8') });
    }
    const path = join(folder, entry.file);
    released.push(releasedVersion(entry, () => storedDocument(path, bytes, entry, options.store), path, bytes, undefined, translations));
  }
  if (unlisted(folderEntries, listed).length > 0) return undefined;
  return { manifest, released, orphans: [] };
}

/**
 * The document of a snapshot verified before: from the store, or checked again when the store
 * no longer holds it (deleted, or written by another engine since).
 */
function storedDocument(path: string, bytes: Buffer, entry: VersionEntry, store: SnapshotStore | undefined): PolicyDocument {
  const cached = store?.peek?.(entry.sha256);
  if (cached) return { ...cached.document, path };
  const result = checkPolicy(fileFromBytes(path, bytes));
  // The same bytes read as a policy when this engine verified them; nothing else can change that.
  if (!result.document) throw new Error(`released version ${entry.version} (${path}) no longer reads as a policy; run \`policy check\``);
  void store?.set({ sha256: entry.sha256, document: result.document, rulesSha256: sha256(canonicalJson(compileRules(result.document))) });
  return result.document;
}

/** A checked snapshot: its document and rules hash (and its parse when it was just parsed), or why it is not a policy. */
type SnapshotCheck = { document: PolicyDocument; rulesSha256: string; parsed?: ParsedPolicy } | { failure: string };

/**
 * Check a released snapshot, or take the result from `store` when these bytes were checked
 * before by this engine. `hash` is the SHA-256 the bytes were verified against.
 */
async function checkSnapshot(path: string, bytes: Buffer, hash: string, store: SnapshotStore | undefined): Promise<SnapshotCheck> {
  const cached = await store?.get(hash);
  // The document names the file it was read from: this one, wherever the bytes were checked before.
  if (cached) return { document: { ...cached.document, path }, rulesSha256: cached.rulesSha256 };
  const result = checkPolicy(fileFromBytes(path, bytes));
  if (!result.document || !result.parsed) {
    const first = result.file.messages.find((message) => message.fatal);
    return { failure: first ? ` (${first.reason}, line ${first.line ?? 1})` : '' };
  }
  const rulesSha256 = sha256(canonicalJson(compileRules(result.document)));
  await store?.set({ sha256: hash, document: result.document, rulesSha256 });
  return { document: result.document, rulesSha256, parsed: result.parsed };
}

/**
 * A released version whose Markdown tree is parsed only when a renderer asks for it (and,
 * given as a function, whose document is read only when asked for).
 */
function releasedVersion(entry: VersionEntry, document: PolicyDocument | (() => PolicyDocument), path: string, bytes: Buffer, parsed: ParsedPolicy | undefined, translations: ReleasedTranslation[]): ReleasedVersion {
  let tree = parsed;
  let read = typeof document === 'function' ? undefined : document;
  let text: string | undefined;
  return {
    entry,
    get document() {
      read ??= (document as () => PolicyDocument)();
      return read;
    },
    get text() {
      text ??= bytes.toString('utf8');
      return text;
    },
    get parsed() {
      tree ??= parsePolicy(fileFromBytes(path, bytes));
      return tree;
    },
    translations,
  };
}

/**
 * A released file's bytes, or undefined when it cannot be read. Read synchronously: a history
 * is many small files, and a thread-pool round trip per file cost more than the read.
 */
function readIfPresent(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The manifest as a source the schema check and the reports read. A manifest is JSON, and
 * JSON.parse is a few hundred times faster than the YAML parser that locates paths (23 ms at
 * 100 versions): so when the text is JSON without duplicate keys, its data comes from JSON.parse
 * and it is parsed as YAML only if a report needs a place. Anything else goes through the YAML
 * parser, which reports it.
 */
function manifestSource(file: VFile, text: string): YamlSource {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return parseYamlSource(file, text, 1);
  }
  if (memberCount(data) !== colonsOutsideStrings(text)) return parseYamlSource(file, text, 1);
  let located: YamlSource | undefined;
  // Parsed into a scratch file: this text already parsed cleanly, so it adds no messages.
  const yaml = () => (located ??= parseYamlSource(new VFile({ path: file.path, value: text }), text, 1));
  return { data, locate: (path, key) => yaml().locate(path, key), text: (path) => yaml().text(path) };
}

/** The members of every object in a JSON value: each is one `:` in its text, unless a key was repeated. */
function memberCount(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + memberCount(item), 0);
  if (value === null || typeof value !== 'object') return 0;
  return Object.values(value).reduce((sum: number, item) => sum + 1 + memberCount(item), 0);
}

/** The `:` separators of a JSON text: the colons not inside a string. */
function colonsOutsideStrings(text: string): number {
  let count = 0;
  let inString = false;
  for (let at = 0; at < text.length; at++) {
    const char = text.charCodeAt(at);
    if (inString) {
      if (char === 0x5c) at++;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x3a) count++;
  }
  return count;
}

/** What `read` returns, or undefined when it throws (a file that is missing or cannot be read). */
function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
