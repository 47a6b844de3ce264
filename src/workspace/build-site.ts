import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PolicyCheck } from './check.ts';
import type { BuiltPolicy } from './build-rules.ts';
import { manifestPath, versionsFolder } from '../history/manifest.ts';
import { sha256 } from '../model/canonical.ts';
import type { ClassifiedChange } from '../model/change.generated.ts';
import type { LabelsBlock } from '../model/policy.generated.ts';
import { fileFromBytes } from '../parse/read.ts';
import { renderSections, type RenderedSection } from '../site/render.ts';
import { checkTranslation } from '../translate/check.ts';
import { cacheFolderName, engineVersion, folderDerivedStore, seal, type DerivedStore } from './snapshot-cache.ts';

/** The folder of `policy build`'s output that holds what only the site needs: `<out>/site-data/`. */
const siteDataFolder = 'site-data';

/** A released translation rendered for the site: the version it translates, its prose, its labels. */
export interface BuiltTranslation {
  locale: string;
  title: string;
  translates: string;
  sections: RenderedSection[];
  labels: LabelsBlock;
}

/** What the site needs of one released version beyond the documents, rules, diffs and events `policy build` writes. */
export interface BuiltSiteVersion {
  version: string;
  /** The prose rendered to sanitized HTML, section by section. */
  sections: RenderedSection[];
  /** The classified changes from the previous version (the versions feed publishes them with their reasons). */
  changes: ClassifiedChange[];
  /** The translations released with this version that follow it. */
  translations: BuiltTranslation[];
}

/**
 * What `<out>/site-data/<id>.json` holds. The site reads it only when it was built from the same
 * manifest (`manifestSha256`, the SHA-256 of manifest.json's bytes) by the same engine, and its
 * seal holds (see {@link siteDataText}).
 */
export interface BuiltSiteData {
  policy: string;
  engine: string;
  manifestSha256: string;
  versions: BuiltSiteVersion[];
}

/** The file `buildSiteData` writes for a policy. */
export const siteDataPath = (out: string, id: string) => join(out, siteDataFolder, `${id}.json`);

/** The first line of a site-data file: the format, what it was built from, and its seal. */
interface SiteDataStamp {
  format: 2;
  policy: string;
  engine: string;
  manifestSha256: string;
  seal: string;
}

/** What the seal of a site-data file binds besides the engine: the format, the policy and the manifest it was built from. */
const sealKey = (policy: string, manifestSha256: string) => `site-data/2/${policy}/${manifestSha256}`;

/**
 * The text of a site-data file: a stamp line (format, policy, engine, manifest hash and seal),
 * then the versions' JSON. The stamp alone is plain public data, so a `dist/` committed to the
 * repository or restored from a cache could carry a forged file with a correct one; the seal is
 * an HMAC with this user's key (the derived cache's, see `seal`), which only `policy build` run
 * by this user makes, so the site publishes no text that was never released.
 */
export function siteDataText(data: BuiltSiteData): string {
  const body = JSON.stringify({ versions: data.versions });
  const stamp: SiteDataStamp = { format: 2, policy: data.policy, engine: data.engine, manifestSha256: data.manifestSha256, seal: seal(data.engine, sealKey(data.policy, data.manifestSha256), body) };
  return `${JSON.stringify(stamp)}\n${body}\n`;
}

/** A site-data file as read: its stamp, and its versions only when its seal holds. */
export interface SiteDataFile {
  policy: string;
  engine: string;
  manifestSha256: string;
  /** Undefined when the seal does not hold: the file was not written by this user's `policy build`, and none of it is used. */
  versions: BuiltSiteVersion[] | undefined;
}

/** Read the text of a site-data file (see {@link siteDataText}); undefined when it is not one (an older format, cut short, not JSON). */
export function readSiteDataText(text: string): SiteDataFile | undefined {
  const split = text.indexOf('\n');
  if (split < 0) return undefined;
  try {
    const stamp = JSON.parse(text.slice(0, split)) as Partial<SiteDataStamp>;
    const { policy, engine, manifestSha256 } = stamp;
    if (stamp.format !== 2 || typeof policy !== 'string' || typeof engine !== 'string' || typeof manifestSha256 !== 'string') return undefined;
    const body = text.slice(split + 1).replace(/\n$/, '');
    // The body is parsed only once the seal holds: a forged file's text is never read.
    if (stamp.seal !== seal(engine, sealKey(policy, manifestSha256), body)) return { policy, engine, manifestSha256, versions: undefined };
    const { versions } = JSON.parse(body) as { versions?: unknown };
    return Array.isArray(versions) ? { policy, engine, manifestSha256, versions: versions as BuiltSiteVersion[] } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Write, for each policy with released versions, what the site renders and `policy build`
 * writes nowhere else: each version's prose as sanitized HTML, its translations, and its
 * classified changes, sealed with this user's key ({@link siteDataText}). Rendered prose is kept
 * in `.policy/cache/` by snapshot hash, so an unchanged version is not parsed again.
 */
export async function buildSiteData(results: readonly PolicyCheck[], built: readonly BuiltPolicy[], out: string, log: (line: string) => void = () => {}, rendered: DerivedStore<RenderedVersion> = folderDerivedStore(cacheFolderName, 'site-sections')): Promise<void> {
  const engine = await engineVersion();
  const data = new Map(built.map((policy) => [policy.id, policy.data]));
  for (const result of results) {
    const history = result.history;
    if (!history || history.released.length === 0 || !result.document) continue;
    const id = result.document.meta.id;
    const folder = result.file.dirname!;
    const changes = new Map(data.get(id)?.versions.map((version) => [version.rules.version, version.changes]) ?? []);
    const versions: BuiltSiteVersion[] = [];
    for (const released of history.released) {
      // Keyed by the snapshot and its translations' hashes: released text never changes.
      const key = sha256([released.entry.sha256, ...released.translations.map((translation) => `${translation.locale}\0${sha256(translation.text)}`)].join('\0'));
      let version = await rendered.get(key);
      if (!version) {
        const translations = released.translations.flatMap((translation): BuiltTranslation[] => {
          const checked = checkTranslation(fileFromBytes(join(versionsFolder(folder), translation.file), new TextEncoder().encode(translation.text)), released.document);
          if (!checked || checked.meta.translates !== released.entry.version) return [];
          return [{ locale: checked.meta.locale, title: checked.meta.title, translates: checked.meta.translates, sections: renderSections(checked.parsed), labels: checked.labels }];
        });
        version = { sections: renderSections(released.parsed, released.document), translations };
        await rendered.set(key, version);
      }
      versions.push({ version: released.entry.version, sections: version.sections, changes: changes.get(released.entry.version) ?? [], translations: version.translations });
    }
    const manifest = await readFile(manifestPath(folder));
    await mkdir(join(out, siteDataFolder), { recursive: true });
    await writeFile(siteDataPath(out, id), siteDataText({ policy: id, engine, manifestSha256: sha256(manifest), versions }));
    log(`rendered ${id} for the site -> ${siteDataPath(out, id)}`);
  }
}

/** A version's rendered prose and translations, as kept in the cache. */
export interface RenderedVersion {
  sections: RenderedSection[];
  translations: BuiltTranslation[];
}
