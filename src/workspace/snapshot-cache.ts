import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { sha256 } from '../model/canonical.ts';
import type { CheckedSnapshot, DerivedStore, SnapshotStore } from '../history/snapshot-store.ts';

export type { DerivedStore } from '../history/snapshot-store.ts';

const root = new URL('../../', import.meta.url).pathname;

/** The cache folder a workspace uses, relative to its root: git-ignored, safe to delete. */
export const cacheFolderName = join('.policy', 'cache');

let engine: Promise<string> | undefined;

/**
 * Set by the CLI's bundle (scripts/build-cli.ts) to what {@link engineVersion} computed when
 * it was built: bin/policy runs the bundle only while none of its sources changed since, so
 * hashing them again on every call would give the same answer.
 */
declare const POLICY_ENGINE_VERSION: string | undefined;

/**
 * The version of the code that checks snapshots: SHA-256 over the sources, the schemas and
 * the locked dependencies, since a change to any of them can change what a check finds, then
 * the Node that runs it (its version and its Unicode and ICU tables, which decide what a
 * pattern such as `\p{L}` matches and how text is segmented): an entry a check wrote on one
 * Node is not trusted on another. Computed once per process, or once per build of the bundle.
 */
export function engineVersion(): Promise<string> {
  engine ??= (typeof POLICY_ENGINE_VERSION === 'string' ? Promise.resolve(POLICY_ENGINE_VERSION) : codeVersion()).then((code) => `${code}+${runtimeVersion()}`);
  return engine;
}

/** The Node running this process, as {@link engineVersion} names it: `node26.1.0-unicode16.0-icu77.1`. */
function runtimeVersion(): string {
  return `node${process.versions.node}-unicode${process.versions.unicode}-icu${process.versions.icu}`;
}

/** SHA-256 over the sources, the schemas and the lockfile (see {@link engineVersion}). */
export async function codeVersion(): Promise<string> {
  const files: string[] = [];
  for (const folder of ['src', 'schema']) {
    const entries = await readdir(join(root, folder), { withFileTypes: true, recursive: true }).catch(() => []);
    for (const entry of entries) if (entry.isFile()) files.push(join(entry.parentPath, entry.name));
  }
  files.push(join(root, 'package-lock.json'));
  files.sort();
  const parts = await Promise.all(files.map(async (file) => `${relative(root, file)}\0${sha256(await readFile(file).catch(() => new Uint8Array()))}`));
  return sha256(parts.join('\n'));
}

/** The secrets that seal cache entries, by the file each is kept in (one per user and process). */
const sealingKeys = new Map<string, Buffer>();

/**
 * The secret this user's cache entries are sealed with: 32 random bytes in
 * `$XDG_CACHE_HOME/policy-as-code/cache-key` (else `~/.cache/…`), made on first use. It lives
 * outside every work tree because a commit can place any file inside one: a `.policy/cache/`
 * committed by force (a checkout writes over ignored files) or restored from someone else's
 * cache would otherwise be trusted, and anyone can compute a plain hash of a forged entry, such
 * as a comparison with git's history holding no finding, which would let a tampered history pass.
 * When no key can be kept there, one for this process only: nothing is trusted across runs.
 */
function sealingKey(): Buffer {
  const { XDG_CACHE_HOME: xdg, HOME: home } = process.env;
  const base = xdg && isAbsolute(xdg) ? xdg : home && isAbsolute(home) ? join(home, '.cache') : undefined;
  const path = base === undefined ? '' : join(base, 'policy-as-code', 'cache-key');
  let key = sealingKeys.get(path);
  if (key === undefined) {
    key = (path && (readKey(path) ?? makeKey(path))) || randomBytes(32);
    sealingKeys.set(path, key);
  }
  return key;
}

/**
 * The key kept in `path`, or undefined when it is missing, not 32 bytes, or not the user's
 * alone: one made here is readable by its owner only, while a file a checkout or a copy wrote
 * (an `XDG_CACHE_HOME` inside a work tree, the key committed beside forged entries) is
 * readable by others, and is replaced instead of trusted.
 */
function readKey(path: string): Buffer | undefined {
  try {
    const info = statSync(path);
    if ((info.mode & 0o077) !== 0 || !info.isFile() || (process.geteuid !== undefined && info.uid !== process.geteuid())) return undefined;
    const bytes = readFileSync(path);
    return bytes.length === 32 ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/** Make the key kept in `path` (a damaged one replaced) and read it back: a run making it at the same moment may have won. */
function makeKey(path: string): Buffer | undefined {
  const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
  try {
    mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
    writeFileSync(temporary, randomBytes(32), { mode: 0o600 });
    try {
      // Linking never replaces a key another run made meanwhile.
      linkSync(temporary, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || readKey(path) !== undefined) throw error;
      renameSync(temporary, path);
    }
  } catch {
    // A key made meanwhile, or a home that cannot be written: read what is there.
  } finally {
    rmSync(temporary, { force: true });
  }
  return readKey(path);
}

/**
 * The seal of a text this user's runs wrote where others can write too (a cache file's body,
 * `policy build`'s site data): an HMAC-SHA256 with this user's {@link sealingKey}, binding the
 * engine and key too. Only a run of this user's can make it, so a file committed to the
 * repository or restored from elsewhere with a correct plain stamp does not carry it.
 */
export function seal(engine: string, key: string, body: string): string {
  return createHmac('sha256', sealingKey()).update(`${engine}\0${key}\0${body}`).digest('hex');
}

/**
 * A cache file: a header line `{"engine","key","checksum"}`, then the value's JSON, whose
 * seal ({@link seal}) is the checksum (sealing the text as written is cheaper than canonicalising it).
 */
function cacheText(engine: string, key: string, value: unknown): string {
  const body = JSON.stringify(value);
  return `${JSON.stringify({ engine, key, checksum: seal(engine, key, body) })}\n${body}`;
}

/** The value of a cache file, or undefined unless it was written by `engine` for `key`, is intact and sealed by this user's runs. */
function cachedValue(text: string, engine: string, key: string): unknown {
  const split = text.indexOf('\n');
  if (split < 0) return undefined;
  try {
    const header = JSON.parse(text.slice(0, split)) as { engine?: unknown; key?: unknown; checksum?: unknown };
    const body = text.slice(split + 1);
    if (header.engine !== engine || header.key !== key || header.checksum !== seal(engine, key, body)) return undefined;
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** Write a cache file through a temporary file and a rename; failures are ignored (the cache is optional). */
async function writeCacheFile(folder: string, path: string, text: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
    // Unique per writer: worker threads share a process id.
    const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
    await writeFile(temporary, text);
    await rename(temporary, path).catch(async (error: unknown) => {
      await rm(temporary, { force: true });
      throw error;
    });
  } catch {
    // A read-only checkout or a full disk: the next run computes it again.
  }
}

/** A cache file's text, or undefined; synchronous, since a history asks for many small files. */
function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

const isKey = (key: string) => /^[0-9a-f]{64}$/.test(key);

/**
 * The cache files of one kind in a folder, named by `fileName` from a SHA-256 key: read (the
 * value, if written by `engine` for that key and intact) and written through a rename.
 */
function cacheEntries(folder: string, fileName: (key: string) => string) {
  const path = (key: string) => join(folder, fileName(key));
  return {
    read(key: string, engine: string): unknown {
      if (!isKey(key)) return undefined;
      const text = readIfPresent(path(key));
      return text === undefined ? undefined : cachedValue(text, engine, key);
    },
    async write(key: string, engine: string, value: unknown): Promise<void> {
      if (isKey(key)) await writeCacheFile(folder, path(key), cacheText(engine, key, value));
    },
  };
}

/**
 * A {@link SnapshotStore} in a folder (`.policy/cache/<sha256>.json`). An entry is used only
 * when it parses, was written by this engine, is for the snapshot asked about and its checksum
 * holds; otherwise it is ignored and rewritten after the snapshot is checked again. Writes go
 * through a temporary file and a rename, so a reader never sees half an entry.
 */
export function folderSnapshotStore(folder: string, engineId: Promise<string> = engineVersion()): SnapshotStore {
  const entries = cacheEntries(folder, (hash) => `${hash}.json`);
  // Known once engineId resolves, which every `get` awaits: `peek` answers from then on.
  let engine: string | undefined;
  void engineId.then((id) => (engine = id), () => undefined);
  const read = (hash: string, id: string): CheckedSnapshot | undefined => {
    const entry = entries.read(hash, id) as Partial<CheckedSnapshot> | undefined;
    if (!entry || entry.sha256 !== hash || typeof entry.rulesSha256 !== 'string' || typeof entry.document !== 'object' || entry.document === null) return undefined;
    return entry as CheckedSnapshot;
  };
  const derived = new Map<string, DerivedStore<unknown>>();
  return {
    async get(hash) {
      return read(hash, await engineId);
    },
    peek(hash) {
      return engine === undefined ? undefined : read(hash, engine);
    },
    async set(entry) {
      await entries.write(entry.sha256, await engineId, entry);
    },
    derived<T>(kind: string) {
      let store = derived.get(kind);
      if (!store) derived.set(kind, (store = folderDerivedStore<unknown>(folder, kind, engineId)));
      return store as DerivedStore<T>;
    },
  };
}

/** A {@link DerivedStore} of JSON values in `<folder>/<kind>-<key>.json`; keys are SHA-256 hex. */
export function folderDerivedStore<T>(folder: string, kind: string, engineId: Promise<string> = engineVersion()): DerivedStore<T> {
  const entries = cacheEntries(folder, (key) => `${kind}-${key}.json`);
  return {
    async get(key) {
      return (entries.read(key, await engineId) ?? undefined) as T | undefined;
    },
    async set(key, value) {
      await entries.write(key, await engineId, value);
    },
  };
}

/** The snapshot store of the workspace at `cwd` (default: the process's working directory). */
export function workspaceSnapshotStore(cwd: string = process.cwd()): SnapshotStore {
  return folderSnapshotStore(join(cwd, cacheFolderName));
}
