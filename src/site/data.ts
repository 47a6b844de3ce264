import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { canonicalJson } from '../model/canonical.ts';
import { packageNames } from '../compile/package.ts';
import { compilePolicy } from '../compile/policy.ts';
import { compileRules } from '../compile/rules.ts';
import { versionsFeed } from '../compile/versions-feed.ts';
import { configuredNaming } from '../workspace/build-package.ts';
import { comparePolicies, sideOf } from '../compare/compare.ts';
import { checkPaths } from '../workspace/check.ts';
import { versionsFolder } from '../history/manifest.ts';
import type { PolicyDiff } from '../model/diff.generated.ts';
import type { VersionEntry } from '../model/manifest.generated.ts';
import type { NotificationEvent } from '../model/notification.generated.ts';
import type { Declarations, FrontMatter, LabelsBlock } from '../model/policy.generated.ts';
import type { CompiledRules } from '../model/rules.generated.ts';
import type { PublishedVersions } from '../model/versions.generated.ts';
import { versionInForce } from '../runtime/in-force.ts';
import { checkTranslation, type Translation } from '../translate/check.ts';
import { fileFromBytes } from '../parse/read.ts';
import { renderSections, type RenderedSection } from './render.ts';

/** One released version as the site shows it. */
export interface SiteVersion {
  policy: string;
  meta: FrontMatter;
  entry: VersionEntry;
  /** current: in force today; upcoming: released, not yet effective; superseded: replaced. */
  status: 'current' | 'upcoming' | 'superseded';
  sections: RenderedSection[];
  declarations: Declarations;
  rules: CompiledRules;
  rulesJson: string;
  event: NotificationEvent | null;
  previous: string | null;
  diff: PolicyDiff | null;
}

/** A translation released with the version in force: its prose by section anchor, and its labels. */
export interface SiteTranslation {
  locale: string;
  title: string;
  sections: RenderedSection[];
  labels: LabelsBlock;
}

/** A policy and its released versions, newest first. */
export interface SitePolicy {
  id: string;
  title: string;
  versions: SiteVersion[];
  current: SiteVersion;
  /** Translations released with the version in force and following it (an outdated one is not published). */
  translations: SiteTranslation[];
  /** The released version that takes effect next: the page of the version in force announces it. */
  upcoming: SiteVersion | null;
  /** /<id>/versions.json: the released versions for machines (schema/versions.schema.json). */
  feed: PublishedVersions;
}

/**
 * Everything the site renders, read with the engine from the policies' released history:
 * one parser, the same documents, rules and diffs as `policy build`. `today` decides which
 * version is in force and whether a change is in its notice period.
 */
export async function loadSiteData(root = 'policies', today = new Date().toISOString().slice(0, 10)): Promise<SitePolicy[]> {
  const policies: SitePolicy[] = [];
  const naming = await configuredNaming(dirname(resolve(root)));
  for (const result of await checkPaths([root])) {
    const history = result.history;
    if (!result.document || !history || history.released.length === 0) continue;
    const folder = result.file.dirname!;
    const versions: SiteVersion[] = [];
    for (const [index, released] of history.released.entries()) {
      const previous = history.released[index - 1];
      const rules = compileRules(released.document);
      const event = released.entry.event ? (JSON.parse(await readFile(join(versionsFolder(folder), released.entry.event), 'utf8')) as NotificationEvent) : null;
      versions.push({
        policy: released.document.meta.id,
        meta: released.document.meta,
        entry: released.entry,
        status: 'superseded',
        sections: renderSections(released.parsed, released.document),
        declarations: released.document.declarations,
        rules,
        rulesJson: canonicalJson(rules),
        event,
        previous: previous?.entry.version ?? null,
        diff: previous ? comparePolicies(sideOf(previous.entry.file, previous.text), sideOf(released.entry.file, released.text)) : null,
      });
    }
    const selected = versionInForce(versions.map((version) => ({ version: version.entry.version, effective: version.meta.effective, site: version })), today);
    // Before its first version takes effect a policy has nothing in force: the first one is
    // shown as the upcoming version, never as the current one.
    const current = selected.inForce?.site ?? versions[0]!;
    current.status = selected.inForce ? 'current' : 'upcoming';
    for (const { site } of selected.pending) site.status = 'upcoming';
    const upcoming = selected.inForce ? (selected.upcoming?.site ?? null) : null;
    // Only released translations: those snapshotted with the version in force, read against
    // its released text. The working files beside policy.md are drafts, like policy.md.
    const inForce = history.released.find((released) => released.entry.version === current.entry.version)!;
    const translations = inForce.translations
      .map((released) => checkTranslation(fileFromBytes(join(versionsFolder(folder), released.file), new TextEncoder().encode(released.text)), inForce.document))
      .filter((translation): translation is Translation => translation !== undefined && translation.meta.translates === current.entry.version)
      .map((translation) => ({ locale: translation.meta.locale, title: translation.meta.title, sections: renderSections(translation.parsed), labels: translation.labels }));
    const feed = versionsFeed({
      data: compilePolicy(history.released.map((released) => released.document)),
      title: current.meta.title,
      entries: history.released.map((released) => released.entry),
      names: packageNames(current.policy, naming),
      asOf: today,
    });
    policies.push({ id: current.policy, title: current.meta.title, versions: versions.reverse(), current, upcoming, translations, feed });
  }
  return policies;
}
