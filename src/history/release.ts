import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { VFile } from 'vfile';
import { canonicalJson, sha256 } from '../model/canonical.ts';
import { compileRules } from '../compile/rules.ts';
import { hasErrors } from '../diagnostics/report.ts';
import { checkPaths, policyFileName } from '../workspace/check.ts';
import { workspaceSnapshotStore } from '../workspace/snapshot-cache.ts';
import type { PolicyDocument } from '../model/policy.generated.ts';
import type { VersionEntry } from '../model/manifest.generated.ts';
import type { NotificationEvent } from '../model/notification.generated.ts';
import { buildNotificationEvent } from '../notify/event.ts';
import { translationFile, translationSnapshot } from '../translate/file-name.ts';
import { acquireReleaseLock, LockedError } from './lock.ts';
import { appendEntry, isTemporaryFile, manifestPath, syncFolder, versionsFolder, writeDurably } from './manifest.ts';
import type { SnapshotStore } from './snapshot-store.ts';
import { draftDates } from './pending.ts';



/** What `policy release` did, or the diagnostics that stopped it. */
export interface ReleaseResult {
  files: VFile[];
  /** Why nothing was released, when it is not a finding in a file. */
  refusal?: string;
  entry?: VersionEntry;
  event?: NotificationEvent;
  /** When the effective date is too early: the earliest date the rules allow for this release day. */
  proposedEffective?: string;
  /** With `rollback`: the files of the interrupted release that were removed. */
  rolledBack?: string[];
}

/** Options of a release. */
export interface ReleaseOptions {
  /** Undo an interrupted release (its files without a manifest entry) instead of releasing. */
  rollback?: boolean;
}

/**
 * Turn a policy's working draft into its next released version: check it (with `date` as
 * the release date, for notice periods), refuse when the version is too low for the change,
 * then write the snapshot, the notification event and the manifest entry that chains them.
 * One release of a policy runs at a time (a lock file; a second one is refused with who
 * holds it). The snapshot and event are fsynced before the manifest, which is written last
 * and atomically: a crash before it leaves no release, and running the command again
 * completes it (or, with `rollback`, undoes it). Never throws once files are written.
 */
export async function releasePolicy(policyFolder: string, date: string, options: ReleaseOptions = {}): Promise<ReleaseResult> {
  let unlock: () => Promise<void>;
  try {
    unlock = await acquireReleaseLock(policyFolder);
  } catch (error) {
    if (error instanceof LockedError) return { files: [], refusal: error.message };
    throw error;
  }
  try {
    await removeTemporaryFiles(policyFolder);
    return options.rollback ? await rollbackRelease(policyFolder) : await releaseLocked(policyFolder, date);
  } catch (error) {
    // A failing disk or an unexpected file is a refusal that says what failed, never a crash:
    // the manifest is written last, so nothing was released.
    const reason = error instanceof Error ? error.message : String(error);
    return { files: [], refusal: `could not ${options.rollback ? 'roll back' : 'release'} (${reason.split('\n', 1)[0]}); no manifest entry was written: fix the cause, then run \`policy release\` again, or with --rollback to undo what was written` };
  } finally {
    await unlock();
  }
}

/**
 * After a release from a history that verified clean: the new manifest is recorded as
 * verified and the new snapshot as checked, so the next command does not check the whole
 * history again. The snapshot is the bytes of the draft just checked, so its check is the
 * draft's; the history before it verified clean, and the new entry was made from that check.
 */
async function recordVerified(store: SnapshotStore, policyFolder: string, document: PolicyDocument, entry: VersionEntry): Promise<void> {
  try {
    const text = await readFile(manifestPath(policyFolder), 'utf8');
    await store.set({ sha256: entry.sha256, document, rulesSha256: entry.rulesSha256 ?? sha256(canonicalJson(compileRules(document))) });
    await store.derived?.<true>('history').set(sha256(`${document.meta.id}\0${text}`), true);
  } catch {
    // Only a cache: the next check verifies in full.
  }
}

/** Temporary files a crashed write left in versions/ (`<name>.<pid>.tmp`): never part of a release. */
async function removeTemporaryFiles(policyFolder: string): Promise<void> {
  const names = await readdir(versionsFolder(policyFolder)).catch(() => [] as string[]);
  await Promise.all(names.filter(isTemporaryFile).map((name) => rm(join(versionsFolder(policyFolder), name), { force: true })));
}

/** Remove the files of an interrupted release: those in versions/ that no manifest entry names. */
async function rollbackRelease(policyFolder: string): Promise<ReleaseResult> {
  const results = await checkPaths([join(policyFolder, policyFileName)], undefined, {});
  const history = results[0]?.history;
  const orphans = history?.orphans ?? [];
  if (!history || orphans.length === 0) return { files: [], refusal: 'Nothing to roll back: every file in versions/ belongs to a released version' };
  // Only what an interrupted release writes (X.md, X.event.json, X.<locale>.md) for one unreleased version.
  const versions = new Set(orphans.map((name) => /^(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+?)?)(?:\.[A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)?(?:\.event\.json|\.md)$/.exec(name)?.[1]));
  const released = new Set(history.manifest?.versions.map((entry) => entry.version) ?? []);
  const [version] = versions;
  if (versions.size !== 1 || version === undefined || released.has(version)) {
    return { files: [history.file], refusal: `Not rolled back: ${orphans.map((name) => `versions/${name}`).join(', ')} are not the files of one interrupted release; restore versions/ from git` };
  }
  await Promise.all(orphans.map((name) => rm(join(versionsFolder(policyFolder), name), { force: true })));
  return { files: [], refusal: `Rolled back the interrupted release of ${version}: removed ${orphans.map((name) => `versions/${name}`).join(', ')}`, rolledBack: orphans };
}

async function releaseLocked(policyFolder: string, date: string): Promise<ReleaseResult> {
  const draftPath = join(policyFolder, policyFileName);
  const store = workspaceSnapshotStore();
  let results = await checkPaths([draftPath], undefined, { today: date, releasing: true, anchor: 'available', store });
  // A release interrupted before its manifest entry leaves this version's files behind:
  // they are ours to redo, not tampering.
  const draft = results[0]?.document;
  const orphans = results[0]?.history?.orphans ?? [];
  const ours = (name: string) => draft !== undefined && (name === `${draft.meta.version}.md` || name === `${draft.meta.version}.event.json` || translationSnapshot(draft.meta.version).test(name));
  if (draft && orphans.length > 0 && orphans.every(ours)) {
    await Promise.all(orphans.map((name) => rm(join(versionsFolder(policyFolder), name))));
    results = await checkPaths([draftPath], undefined, { today: date, releasing: true, anchor: 'available', store });
  }
  const files = results.map((result) => result.file);
  const result = results[0]!;
  if (files.some(hasErrors) || !result.document || !result.history) {
    // A date that was right when the change was reviewed can be too early by the release day:
    // say which date to use, so the fix is a date change.
    if (result.document && result.history && result.pending && result.pending.declared !== 'none' && result.pending.declared !== 'lower') {
      const dates = draftDates(result.document, result.pending, result.history.released.map((version) => version.entry), date);
      if (dates.broken.length > 0) return { files, refusal: `the effective date ${result.document.meta.effective} is too early for a release on ${date}; change \`effective\` to ${dates.earliest.date} or later (${dates.earliest.because})`, proposedEffective: dates.earliest.date };
    }
    return { files };
  }

  const { document, history, pending } = result;
  if (pending && pending.required === 'none') {
    return { files, refusal: `Nothing to release: the draft is version ${pending.latest.entry.version} as released on ${pending.latest.entry.released}` };
  }
  if (date < (history.released.at(-1)?.entry.released ?? '0000-00-00')) {
    return { files, refusal: `The release date ${date} is before the previous release (${history.released.at(-1)!.entry.released})` };
  }

  const version = document.meta.version;
  const bump = pending ? (pending.required as Exclude<typeof pending.required, 'none'>) : 'initial';
  const event = buildNotificationEvent(document, pending?.latest.entry.version ?? null, date, bump, pending?.changes ?? []);
  const folder = versionsFolder(policyFolder);
  await mkdir(folder, { recursive: true });
  const snapshot = `${version}.md`;
  const eventFile = `${version}.event.json`;
  // Snapshot exactly the text that was checked (a BOM or an edit since then stays out).
  const bytes = new TextEncoder().encode(String(result.file.value));
  const eventText = `${JSON.stringify(event, null, 2)}\n`;
  try {
    // The snapshot, event and translations reach the disk before the manifest that names them.
    await writeDurably(join(folder, snapshot), bytes);
    await writeDurably(join(folder, eventFile), eventText);
    // Every translation is released with its source: the site serves only released text.
    const translations: NonNullable<VersionEntry['translations']> = [];
    for (const checked of results.slice(1)) {
      const locale = translationFile.exec(basename(checked.file.path))?.[1];
      if (!locale || dirname(checked.file.path) !== dirname(result.file.path)) continue;
      const translationBytes = new TextEncoder().encode(String(checked.file.value));
      const name = `${version}.${locale}.md`;
      await writeDurably(join(folder, name), translationBytes);
      translations.push({ locale, file: name, sha256: sha256(translationBytes) });
    }
    await syncFolder(folder);
    const manifest = history.manifest ?? { policy: document.meta.id, versions: [] };
    const entry = await appendEntry(policyFolder, manifest, {
      version,
      effective: document.meta.effective,
      ...(document.meta.effectiveReason && document.meta.effective < date ? { effectiveReason: document.meta.effectiveReason } : {}),
      released: date,
      file: snapshot,
      sha256: sha256(bytes),
      rulesSha256: sha256(canonicalJson(compileRules(document))),
      bump,
      event: eventFile,
      eventSha256: sha256(eventText),
      ...(translations.length > 0 ? { translations } : {}),
    });
    if (history.file.messages.length === 0) await recordVerified(store, policyFolder, document, entry);
    return { files, entry, event };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { files, refusal: `interrupted while writing version ${version} (${reason}); run \`policy release\` again to complete it, or with --rollback to undo it` };
  }
}

