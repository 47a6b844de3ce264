import { open, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { canonicalJson, sha256 } from '../model/canonical.ts';
import type { VersionEntry, VersionManifest } from '../model/manifest.generated.ts';

/** Released versions live in `policies/<id>/versions/`, beside the working draft. */
export const versionsFolder = (policyFolder: string) => join(policyFolder, 'versions');
export const manifestPath = (policyFolder: string) => join(versionsFolder(policyFolder), 'manifest.json');

/** The hash of a manifest entry: SHA-256 of its canonical JSON without `hash`. */
export function entryHash(entry: Omit<VersionEntry, 'hash'> & { hash?: string }): string {
  const { hash: _hash, ...rest } = entry;
  return sha256(canonicalJson(rest));
}

/** Append an entry (its `previous` and `hash` filled in) and write the manifest atomically. */
export async function appendEntry(policyFolder: string, manifest: VersionManifest, entry: Omit<VersionEntry, 'previous' | 'hash'>): Promise<VersionEntry> {
  const previous = manifest.versions.at(-1)?.hash ?? null;
  const partial = { ...entry, previous };
  const full: VersionEntry = { ...partial, hash: entryHash(partial) };
  const next: VersionManifest = { ...manifest, versions: [...manifest.versions, full] };
  await writeAtomically(manifestPath(policyFolder), `${JSON.stringify(next, null, 2)}\n`);
  return full;
}

/** A temporary file {@link writeAtomically} writes (`<name>.<pid>.tmp`): left behind only by a crash, never part of a release. */
export function isTemporaryFile(name: string): boolean {
  return /\.\d+\.tmp$/.test(name);
}

/**
 * Write through a temporary file and a rename, so a crash never leaves half a file; the
 * data is on disk (fsync) before the rename, and the rename before this returns.
 */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeDurably(temporary, text);
  await rename(temporary, path);
  await syncFolder(dirname(path));
}

/** Write a file and fsync it: once this returns, a power cut does not lose it. */
export async function writeDurably(path: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Fsync a folder, so the names just created or renamed in it are on disk too. */
export async function syncFolder(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse to sync a folder; the files themselves are synced.
  } finally {
    await handle.close();
  }
}
