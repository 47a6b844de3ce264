import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { canonicalJson, sha256 } from '../model/canonical.ts';
import type { CheckedSnapshot, SnapshotStore } from '../history/snapshot-store.ts';

const root = new URL('../../', import.meta.url).pathname;

/** The cache folder a workspace uses, relative to its root: git-ignored, safe to delete. */
export const cacheFolderName = join('.policy', 'cache');

let engine: Promise<string> | undefined;

/**
 * The version of the code that checks snapshots: SHA-256 over the sources, the schemas and
 * the locked dependencies, since a change to any of them can change what a check finds.
 * Computed once per process.
 */
export function engineVersion(): Promise<string> {
  engine ??= (async () => {
    const files: string[] = [];
    for (const folder of ['src', 'schema']) {
      const entries = await readdir(join(root, folder), { withFileTypes: true, recursive: true }).catch(() => []);
      for (const entry of entries) if (entry.isFile()) files.push(join(entry.parentPath, entry.name));
    }
    files.push(join(root, 'package-lock.json'));
    files.sort();
    const parts = await Promise.all(files.map(async (file) => `${relative(root, file)}\0${sha256(await readFile(file).catch(() => new Uint8Array()))}`));
    return sha256(parts.join('\n'));
  })();
  return engine;
}

/** One file of the cache: the entry, the engine that wrote it, and a checksum over both. */
interface CacheFile {
  engine: string;
  checksum: string;
  entry: CheckedSnapshot;
}

/**
 * A {@link SnapshotStore} in a folder (`.policy/cache/<sha256>.json`). An entry is used only
 * when it parses, was written by this engine, is for the snapshot asked about and its checksum
 * holds; otherwise it is ignored and rewritten after the snapshot is checked again. Writes go
 * through a temporary file and a rename, so a reader never sees half an entry.
 */
export function folderSnapshotStore(folder: string, engineId: Promise<string> = engineVersion()): SnapshotStore {
  const path = (hash: string) => join(folder, `${hash}.json`);
  return {
    async get(hash) {
      if (!/^[0-9a-f]{64}$/.test(hash)) return undefined;
      const text = await readFile(path(hash), 'utf8').catch(() => undefined);
      if (text === undefined) return undefined;
      try {
        const cached = JSON.parse(text) as Partial<CacheFile>;
        const entry = cached.entry;
        if (cached.engine !== (await engineId) || !entry || entry.sha256 !== hash || typeof entry.rulesSha256 !== 'string' || typeof entry.document !== 'object' || entry.document === null) return undefined;
        if (cached.checksum !== sha256(canonicalJson({ engine: cached.engine, entry }))) return undefined;
        return entry;
      } catch {
        return undefined;
      }
    },
    async set(entry) {
      if (!/^[0-9a-f]{64}$/.test(entry.sha256)) return;
      try {
        const id = await engineId;
        const file: CacheFile = { engine: id, checksum: sha256(canonicalJson({ engine: id, entry })), entry };
        await mkdir(folder, { recursive: true });
        const temporary = `${path(entry.sha256)}.${process.pid}.tmp`;
        await writeFile(temporary, JSON.stringify(file));
        await rename(temporary, path(entry.sha256)).catch(async (error: unknown) => {
          await rm(temporary, { force: true });
          throw error;
        });
      } catch {
        // A read-only checkout or a full disk: the next run checks the snapshot again.
      }
    },
  };
}

/**
 * Derived data kept by name in a folder, under the same rules as {@link folderSnapshotStore}:
 * an entry written by another engine, corrupted or edited (its checksum fails) is `undefined`.
 * For results that depend only on content hashes, such as the diff between two snapshots.
 */
export interface DerivedStore<T> {
  get(key: string): Promise<T | undefined>;
  set(key: string, value: T): Promise<void>;
}

/** A {@link DerivedStore} of JSON values in `<folder>/<kind>-<key>.json`; keys are SHA-256 hex. */
export function folderDerivedStore<T>(folder: string, kind: string, engineId: Promise<string> = engineVersion()): DerivedStore<T> {
  const path = (key: string) => join(folder, `${kind}-${key}.json`);
  const valid = (key: string) => /^[0-9a-f]{64}$/.test(key);
  return {
    async get(key) {
      if (!valid(key)) return undefined;
      const text = await readFile(path(key), 'utf8').catch(() => undefined);
      if (text === undefined) return undefined;
      try {
        const cached = JSON.parse(text) as { engine?: unknown; key?: unknown; checksum?: unknown; value?: T };
        if (cached.engine !== (await engineId) || cached.key !== key || cached.value === undefined) return undefined;
        if (cached.checksum !== sha256(canonicalJson({ engine: cached.engine, key, value: cached.value }))) return undefined;
        return cached.value;
      } catch {
        return undefined;
      }
    },
    async set(key, value) {
      if (!valid(key)) return;
      try {
        const engine = await engineId;
        await mkdir(folder, { recursive: true });
        const temporary = `${path(key)}.${process.pid}.tmp`;
        await writeFile(temporary, JSON.stringify({ engine, key, checksum: sha256(canonicalJson({ engine, key, value })), value }));
        await rename(temporary, path(key)).catch(async (error: unknown) => {
          await rm(temporary, { force: true });
          throw error;
        });
      } catch {
        // The next build compares the two versions again.
      }
    },
  };
}

/** The snapshot store of the workspace at `cwd` (default: the process's working directory). */
export function workspaceSnapshotStore(cwd: string = process.cwd()): SnapshotStore {
  return folderSnapshotStore(join(cwd, cacheFolderName));
}
