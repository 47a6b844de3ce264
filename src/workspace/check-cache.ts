import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { Place } from '../diagnostics/report.ts';
import { sha256 } from '../model/canonical.ts';
import type { PolicyDocument } from '../model/policy.generated.ts';
import { cacheFolderName, engineVersion, folderDerivedStore, type DerivedStore } from './snapshot-cache.ts';

/**
 * Checking a policy in its folder, kept between runs the way ESLint's `--cache` keeps a
 * file's findings: `policy check` run again on the same bytes answers from `.policy/cache/`
 * without loading the parser, the linter or the classifier. An entry is used only when every
 * input is the same: the engine (a hash of the sources, schemas and lockfile), the options
 * that change findings (the date, `--release`), the file's path, and the bytes of every file
 * in the policy's folder (the draft, its translations, labels, manifest and released
 * snapshots). Anything else (missing, corrupted, another engine's) is checked again and
 * rewritten. What git says about the history (`verifyAgainstGit`) is never part of an entry:
 * it is checked on every run, from git's answers (where the repository is, HEAD, the release
 * tags, the signing settings), which are kept apart while every file git reads to give them
 * is unchanged (src/workspace/git-answers.ts), from the comparisons of commits and from the
 * verdicts of SSH-signed tag objects, each keyed by what it depends on.
 */

/** Above this many bytes in a folder, its results are not kept: hashing it would cost more than checking. */
const maxKeyedBytes = 16 * 1024 * 1024;

/** Bumped when the shape of an entry changes, so an old entry is never read as a new one. */
const entryFormat = 1;

/** A diagnostic as stored: what `report` set on a vfile message. */
export interface StoredMessage {
  reason: string;
  place?: Place | undefined;
  ruleId?: string | undefined;
  source?: string | undefined;
  fatal?: boolean | null | undefined;
  url?: string | undefined;
  note?: string | undefined;
  actual?: string | undefined;
  expected?: string[] | undefined;
  /** A related place ("first defined here"). */
  cause?: Place | undefined;
}

/** One file of a check's results, as stored: its path, whether it held text, and its messages. */
export interface StoredFile {
  path: string;
  /** The file's path relative to the policy folder when its text came from there, to restore `file.value`. */
  text?: string | undefined;
  messages: StoredMessage[];
}

/** What a policy's check left, as stored. */
export interface CachedPolicyCheck {
  format: number;
  /** SHA-256 over every input; an entry for other inputs is not used. */
  inputs: string;
  /** The results in order: the policy file first, then its translations and label files. */
  files: StoredFile[];
  /** The document the check built, when it built one. */
  document?: PolicyDocument | undefined;
  /** The findings on manifest.json before git was asked, and whether the manifest was read. */
  history?: { path: string; messages: StoredMessage[]; manifest: boolean } | undefined;
}

/** Where checks are kept: one entry per policy file and options, replaced when its inputs change. */
export type CheckCache = DerivedStore<CachedPolicyCheck>;

/** The check cache of the workspace at `cwd` (default: the process's working directory). */
export function workspaceCheckCache(cwd: string = process.cwd()): CheckCache {
  return folderDerivedStore<CachedPolicyCheck>(join(cwd, cacheFolderName), 'check');
}

/** What a check's findings depend on besides the files. */
export interface CheckInputs {
  path: string;
  expectedId: string | undefined;
  today: string;
  releasing: boolean;
  /** The reading options (limits), whatever they are: each is an input. */
  read: Record<string, unknown>;
}

/** The entry's name (one per file and options) and the hash of all inputs, with the folder's files read. */
export interface CheckKey {
  name: string;
  inputs: string;
  /** The folder's files, by path relative to it, so a cache hit need not read them again. */
  bytes: Map<string, Buffer>;
}

/**
 * The key of checking `inputs.path` in `folder`: every file in the folder (names and bytes;
 * dotfiles and dot-folders aside, which the check ignores), the options and the engine.
 */
export async function checkKey(folder: string, inputs: CheckInputs): Promise<CheckKey | undefined> {
  const read = Object.fromEntries(Object.entries(inputs.read).filter(([, value]) => value !== undefined).sort(([a], [b]) => a.localeCompare(b)));
  // The date is an input but does not name the entry: a daily pre-commit hook replaces one entry, not one a day.
  return folderKey(folder, [entryFormat, inputs.path, inputs.expectedId ?? null, inputs.releasing, read], [inputs.today]);
}

/**
 * A cache key for a result computed from the files in `folder` (all of them, recursively;
 * dotfiles and dot-folders aside) and from `options` and `unnamed`: `name` names the entry
 * (`options` alone, so a new result replaces the old), `inputs` hashes the engine, both and
 * every file's name and bytes, the names of the folders in it, and the runtime (Node, its
 * Unicode and ICU versions). Undefined when the folder holds more than 16 MB, a symbolic
 * link, a pipe or a device: such a folder is checked afresh every time.
 */
export async function folderKey(folder: string, options: readonly unknown[], unnamed: readonly unknown[] = []): Promise<CheckKey | undefined> {
  // Synchronous, as the reads below: a thread-pool round trip per call costs more than the call.
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true, recursive: true });
  } catch {
    entries = [];
  }
  const name = (entry: (typeof entries)[number]) => relative(folder, join(entry.parentPath, entry.name));
  const visible = entries.filter((entry) => !name(entry).split(sep).some((part) => part.startsWith('.')));
  // A symbolic link's target can change with no change here (and a linked folder is not listed);
  // a pipe or a device is no file to hash: not kept.
  if (entries.some((entry) => entry.isSymbolicLink()) || visible.some((entry) => !entry.isFile() && !entry.isDirectory())) return undefined;
  const names = visible.filter((entry) => entry.isFile()).map(name).sort();
  // Folders are inputs too: an empty one in versions/ is debris the history check reports.
  const folders = visible.filter((entry) => entry.isDirectory()).map(name).sort();
  // A folder holding a huge file (hostile or by mistake) is not hashed: it is checked without the cache.
  // A file gone since the listing (an editor's temporary file) leaves no key: the folder is checked without the cache.
  const sizes = names.map((name) => {
    try {
      return statSync(join(folder, name), { throwIfNoEntry: false })?.size ?? Infinity;
    } catch {
      return Infinity;
    }
  });
  if (sizes.reduce((total, size) => total + size, 0) > maxKeyedBytes) return undefined;
  // Read synchronously: a folder with a long history is hundreds of small files, and a
  // thread-pool round trip per file cost more than the read (at 100 versions, 11 ms against 7 for the whole key).
  let bytes: Map<string, Buffer>;
  try {
    bytes = new Map(names.map((name) => [name, readFileSync(join(folder, name))] as const));
  } catch {
    return undefined;
  }
  const described = JSON.stringify(options);
  const files = names.map((name) => `${name}\0${sha256(bytes.get(name)!)}`).join('\n');
  // The runtime too: another Node's Unicode tables and ICU can change what a pattern or a date reads.
  const runtime = JSON.stringify([process.version, process.versions.unicode, process.versions.icu]);
  return { name: sha256(described), inputs: sha256(`${await engineVersion()}\n${runtime}\n${described}\n${JSON.stringify(unnamed)}\n${JSON.stringify(folders)}\n${files}`), bytes };
}

/** A stored entry, if it is one for these inputs and well formed; otherwise undefined. */
export async function cachedCheck(cache: CheckCache, key: CheckKey): Promise<CachedPolicyCheck | undefined> {
  const entry = await cache.get(key.name);
  if (!entry || entry.format !== entryFormat || entry.inputs !== key.inputs || !Array.isArray(entry.files) || entry.files.length === 0) return undefined;
  const wellFormed = (messages: unknown) => Array.isArray(messages) && messages.every((message) => typeof message === 'object' && message !== null && typeof (message as StoredMessage).reason === 'string');
  if (!entry.files.every((file) => typeof file?.path === 'string' && wellFormed(file.messages))) return undefined;
  if (entry.history !== undefined && (typeof entry.history.path !== 'string' || !wellFormed(entry.history.messages))) return undefined;
  return entry;
}

/** Keep a check's results for the next run; failures are ignored (the cache is optional). */
export async function keepCheck(cache: CheckCache, key: CheckKey, entry: Omit<CachedPolicyCheck, 'format' | 'inputs'>): Promise<void> {
  await cache.set(key.name, { format: entryFormat, inputs: key.inputs, ...entry });
}

/** A file's messages as stored. */
export function storedMessages(messages: readonly VFileMessage[]): StoredMessage[] {
  return messages.map((message) => ({
    reason: message.reason,
    place: message.place,
    ruleId: message.ruleId,
    source: message.source,
    fatal: message.fatal,
    url: message.url,
    note: message.note,
    actual: message.actual,
    expected: message.expected,
    cause: message.cause && typeof message.cause === 'object' && 'place' in message.cause ? (message.cause as VFileMessage).place : undefined,
  }));
}

/** Put stored messages back on a file, as `report` had put them. */
export function restoreMessages(file: VFile, messages: readonly StoredMessage[]): void {
  for (const stored of messages) {
    const message = file.message(stored.reason, { place: stored.place, ruleId: stored.ruleId, source: stored.source });
    message.fatal = stored.fatal;
    if (stored.url !== undefined) message.url = stored.url;
    if (stored.note !== undefined) message.note = stored.note;
    if (stored.actual !== undefined) message.actual = stored.actual;
    if (stored.expected !== undefined) message.expected = stored.expected;
    if (stored.cause !== undefined) {
      const related = file.message('related place', { place: stored.cause, source: 'policy' });
      file.messages.pop();
      message.cause = related;
    }
  }
}

// As the policy was read (parse/read.ts): a byte-order mark is not part of the text.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: false });

/** A stored file as a vfile: its text from the folder's bytes when it had text, and its messages. */
export function restoredFile(stored: StoredFile, bytes: ReadonlyMap<string, Buffer>): VFile {
  const text = stored.text === undefined ? undefined : bytes.get(stored.text);
  const file = new VFile({ path: stored.path, ...(text === undefined ? {} : { value: utf8.decode(text) }) });
  restoreMessages(file, stored.messages);
  return file;
}
