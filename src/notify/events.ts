import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { VFile } from 'vfile';
import { versionsFolder } from '../history/manifest.ts';
import { verifyHistory } from '../history/verify.ts';
import type { VersionManifest } from '../model/manifest.generated.ts';
import type { NotificationEvent } from '../model/notification.generated.ts';
import type { PolicyDocument } from '../model/policy.generated.ts';
import { git, showAt } from '../workspace/git.ts';
import { findPolicyFiles } from '../workspace/check.ts';
import { workspaceSnapshotStore } from '../workspace/snapshot-cache.ts';

/** A release users must be told about, with the documents its messages are written from. */
export interface PendingRelease {
  release: NotificationEvent;
  document: PolicyDocument;
  previous: PolicyDocument | undefined;
}

/** What `pendingReleases` found. */
export interface PendingReleases {
  releases: PendingRelease[];
  /** Policies whose released history does not verify. */
  problems: VFile[];
  /** Paths that do not exist. */
  missing: string[];
  /** Why notify must not run (a dirty tree, no git), each in plain words. */
  refusals: string[];
  /** Releases on disk but not in the manifest committed at the ref: not sent. */
  uncommitted: string[];
}

/**
 * The releases users must be told about, from every policy under `paths`: those whose action
 * is not `none` and that the manifest committed at `ref` records. A release written but not
 * committed is never sent. Uncommitted changes to a policy folder make notify refuse, unless
 * `allowDirty`; a policy whose history does not verify yields its diagnostics instead.
 */
export async function pendingReleases(paths: readonly string[], options: { ref: string; allowDirty: boolean }): Promise<PendingReleases> {
  const found: PendingReleases = { releases: [], problems: [], missing: [], refusals: [], uncommitted: [] };
  for (const root of paths) {
    if (!existsSync(root)) {
      found.missing.push(root);
      continue;
    }
    for (const file of await findPolicyFiles(root)) {
      const folder = dirname(file);
      const history = await verifyHistory(folder, basename(resolve(folder)), { store: workspaceSnapshotStore() });
      if (history.file.messages.some((message) => message.fatal)) {
        found.problems.push(history.file);
        continue;
      }
      const committed = await committedVersions(folder, options, found.refusals);
      if (committed === undefined) continue;
      // The documents come from the history just verified (and its snapshot store), not from checking each snapshot again.
      const documentOf = (version: string | null) => history.released.find((released) => released.entry.version === version)?.document;
      let previous: PolicyDocument | undefined;
      for (const released of history.released) {
        const { entry } = released;
        const document = entry.event ? released.document : undefined;
        if (entry.event && !committed.has(entry.version)) found.uncommitted.push(`${basename(resolve(folder))}@${entry.version}`);
        else if (entry.event && document) {
          const release = JSON.parse(await readFile(join(versionsFolder(folder), entry.event), 'utf8')) as NotificationEvent;
          if (release.action !== 'none') found.releases.push({ release, document, previous: previous ?? documentOf(release.from) });
        }
        previous = document;
      }
    }
  }
  return found;
}

/** The versions the manifest at `ref` records, or undefined (with a refusal) when notify must not go on. */
async function committedVersions(folder: string, options: { ref: string; allowDirty: boolean }, refusals: string[]): Promise<Set<string> | undefined> {
  const top = await git(folder, 'rev-parse', '--show-toplevel').then((out) => out.trim(), () => undefined);
  if (top === undefined) {
    refusals.push(`${folder} is not in a git repository: notify sends only releases committed to git`);
    return undefined;
  }
  const versions = relative(top, resolve(versionsFolder(folder)));
  const dirty = (await git(top, 'status', '--porcelain', '--', relative(top, resolve(folder)))).trim();
  if (dirty && !options.allowDirty) {
    refusals.push(`${folder} has uncommitted changes (${dirty.split('\n').length} file(s), e.g. ${dirty.split('\n')[0]!.slice(3)}): commit them, or pass --allow-dirty (releases not committed are still not sent)`);
    return undefined;
  }
  const text = await showAt(top, options.ref, `${versions}/manifest.json`);
  if (text === undefined) return new Set();
  try {
    return new Set((JSON.parse(text) as VersionManifest).versions.map((entry) => entry.version));
  } catch {
    refusals.push(`the manifest of ${folder} at ${options.ref} is not valid JSON`);
    return undefined;
  }
}

/**
 * Whether `path` would be committed by mistake: it lies inside a git work tree and git does
 * not ignore it. The delivery state is local to one machine and must stay out of git.
 */
export async function trackedByMistake(path: string): Promise<boolean> {
  // The nearest folder that exists: the state's own folder may not be created yet.
  let folder = dirname(resolve(path));
  while (!existsSync(folder) && dirname(folder) !== folder) folder = dirname(folder);
  const top = await git(folder, 'rev-parse', '--show-toplevel').then((out) => out.trim(), () => undefined);
  if (top === undefined || relative(top, resolve(path)).startsWith('..')) return false;
  return git(top, 'check-ignore', '-q', '--no-index', relative(top, resolve(path))).then(() => false, () => true);
}
