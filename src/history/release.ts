import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { VFile } from 'vfile';
import { canonicalJson, sha256 } from '../model/canonical.ts';
import { compileRules } from '../compile/rules.ts';
import { hasErrors } from '../diagnostics/report.ts';
import { checkPaths, policyFileName } from '../workspace/check.ts';
import type { VersionEntry } from '../model/manifest.generated.ts';
import type { NotificationEvent } from '../model/notification.generated.ts';
import { buildNotificationEvent } from '../notify/event.ts';
import { translationFile } from '../translate/check.ts';
import { appendEntry, versionsFolder } from './manifest.ts';
import { draftDates } from './pending.ts';


/** The snapshot names of a version's translations: `<version>.<locale>.md`. */
function translationSnapshot(version: string): RegExp {
  return new RegExp(`^${version.replace(/[.+]/g, '\\$&')}\\.[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\\.md$`);
}

/** What `policy release` did, or the diagnostics that stopped it. */
export interface ReleaseResult {
  files: VFile[];
  /** Why nothing was released, when it is not a finding in a file. */
  refusal?: string;
  entry?: VersionEntry;
  event?: NotificationEvent;
  /** When the effective date is too early: the earliest date the rules allow for this release day. */
  proposedEffective?: string;
}

/**
 * Turn a policy's working draft into its next released version: check it (with `date` as
 * the release date, for notice periods), refuse when the version is too low for the change,
 * then write the snapshot, the notification event and the manifest entry that chains them.
 * The manifest is written last and atomically: a crash before it leaves no release, and
 * running the command again completes it.
 */
export async function releasePolicy(policyFolder: string, date: string): Promise<ReleaseResult> {
  const draftPath = join(policyFolder, policyFileName);
  let results = await checkPaths([draftPath], undefined, { today: date, releasing: true });
  // A release interrupted before its manifest entry leaves this version's files behind:
  // they are ours to redo, not tampering.
  const draft = results[0]?.document;
  const orphans = results[0]?.history?.orphans ?? [];
  const ours = (name: string) => draft !== undefined && (name === `${draft.meta.version}.md` || name === `${draft.meta.version}.event.json` || translationSnapshot(draft.meta.version).test(name));
  if (draft && orphans.length > 0 && orphans.every(ours)) {
    await Promise.all(orphans.map((name) => rm(join(versionsFolder(policyFolder), name))));
    results = await checkPaths([draftPath], undefined, { today: date, releasing: true });
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
  await writeFile(join(folder, snapshot), bytes);
  await writeFile(join(folder, eventFile), eventText);
  // Every translation is released with its source: the site serves only released text.
  const translations: NonNullable<VersionEntry['translations']> = [];
  for (const checked of results.slice(1)) {
    const locale = translationFile.exec(basename(checked.file.path))?.[1];
    if (!locale || dirname(checked.file.path) !== dirname(result.file.path)) continue;
    const translationBytes = new TextEncoder().encode(String(checked.file.value));
    const name = `${version}.${locale}.md`;
    await writeFile(join(folder, name), translationBytes);
    translations.push({ locale, file: name, sha256: sha256(translationBytes) });
  }
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
  return { files, entry, event };
}

