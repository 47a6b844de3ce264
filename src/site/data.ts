import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { packageNames } from '../compile/package.ts';
import { versionsFeed } from '../compile/versions-feed.ts';
import { manifestPath } from '../history/manifest.ts';
import { sha256 } from '../model/canonical.ts';
import type { PolicyDiff } from '../model/diff.generated.ts';
import type { VersionEntry, VersionManifest } from '../model/manifest.generated.ts';
import type { NotificationEvent } from '../model/notification.generated.ts';
import type { Declarations, FrontMatter, LabelsBlock, PolicyDocument } from '../model/policy.generated.ts';
import type { CompiledRules } from '../model/rules.generated.ts';
import type { PublishedVersions } from '../model/versions.generated.ts';
import { versionInForce } from '../runtime/in-force.ts';
import { writeBuild } from '../workspace/build.ts';
import { configuredNaming } from '../workspace/build-package.ts';
import { readSiteDataText, siteDataPath, type BuiltSiteData, type SiteDataFile } from '../workspace/build-site.ts';
import { checkPaths, findPolicyFiles } from '../workspace/check.ts';
import { engineVersion } from '../workspace/snapshot-cache.ts';
import type { RenderedSection } from './render.ts';

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

/** Options of {@link loadSiteData}. */
export interface SiteDataOptions {
  /** The folder `policy build` wrote into (default: `dist/` beside the policies folder). */
  built?: string | undefined;
  /** Where to say that the build output is missing or stale and is built now. */
  warn?: ((line: string) => void) | undefined;
}

/** A policy folder with a released history: its manifest's bytes and its id. */
interface ReleasedFolder {
  id: string;
  manifest: Buffer;
}

/**
 * Everything the site renders, read from what `policy build` wrote (documents, rules, diffs,
 * events, manifests and the rendered prose in `site-data/`): the site recomputes none of it.
 * The output is used only for a policy whose manifest and engine are those it was built from
 * and whose site data is sealed by this user's `policy build` (a `dist/` committed to the
 * repository or restored from a cache could carry a forged file with a correct stamp, and its
 * text was never released), and each other file read has the hash the sealed site data gives.
 * When any is missing, stale, changed or not sealed (`astro build` run alone, or after a
 * release), the build step runs once in-process into a temporary folder, with a warning saying
 * why (drafts' errors do not stop it: only released versions are published). `today` decides
 * which version is in force and whether a change is in its notice period.
 */
export async function loadSiteData(root = 'policies', today = new Date().toISOString().slice(0, 10), options: SiteDataOptions = {}): Promise<SitePolicy[]> {
  const project = dirname(resolve(root));
  const naming = await configuredNaming(project);
  const folders = await releasedFolders(root);
  if (folders.length === 0) return [];
  const engine = await engineVersion();
  const built = options.built ?? join(project, 'dist');
  const stale = [];
  const unsealed = [];
  const current = new Map<string, Pick<BuiltSiteData, 'versions' | 'files'>>();
  for (const folder of folders) {
    const data = await readSiteData(built, folder.id);
    if (!data || data.engine !== engine || data.manifestSha256 !== sha256(folder.manifest)) stale.push(folder.id);
    else if (!data.sealed) unsealed.push(siteDataPath(built, folder.id));
    else current.set(folder.id, data.sealed);
  }
  let incomplete: string | undefined;
  if (stale.length === 0 && unsealed.length === 0) {
    try {
      return await Promise.all(folders.map((folder) => readPolicy(built, folder.id, current.get(folder.id)!, today, naming)));
    } catch (error) {
      // A file of the build output removed or cut short since: built again, as when stale.
      incomplete = (error as Error).message.split('\n', 1)[0];
    }
  }

  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  const why =
    incomplete !== undefined
      ? `is incomplete or changed since it was built (${incomplete})`
      : !existsSync(built)
        ? 'does not exist'
        : [
            ...(stale.length > 0 ? [`is stale or lacks ${stale.join(', ')}`] : []),
            ...(unsealed.length > 0 ? [`holds ${unsealed.join(', ')} without the seal of a \`policy build\` run by this user (committed to the repository, restored from a cache or written by hand), so its text is not published`] : []),
          ].join(', and ');
  warn(`policy site: the build output in ${built} ${why}; building ${root} now (\`npm run build\` builds once for both)`);
  const temporary = await mkdtemp(join(tmpdir(), 'policy-site-'));
  try {
    // Released versions only are published, so a draft's errors do not stop the site (they
    // stop `policy build`, which publishes packages of the draft's policy too).
    const results = await checkPaths([root]);
    const refused = await writeBuild(results, { out: temporary, pack: false, cwd: project });
    if (refused) throw new Error(`policy site: ${refused.message}`);
    const policies = [];
    for (const folder of folders) {
      // A policy whose history could not be read has nothing to publish: its findings are `policy check`'s.
      const sealed = (await readSiteData(temporary, folder.id))?.sealed;
      if (sealed) policies.push(await readPolicy(temporary, folder.id, sealed, today, naming));
      else warn(`policy site: ${folder.id} is not published: its released history could not be read; run \`npm run check\``);
    }
    return policies;
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
}

/** The policy folders under `root` that have released versions, in the order `policy build` finds them. */
async function releasedFolders(root: string): Promise<ReleasedFolder[]> {
  const folders: ReleasedFolder[] = [];
  for (const path of await findPolicyFiles(root)) {
    if (basename(path) !== 'policy.md') continue;
    const manifest = await readFile(manifestPath(dirname(path))).catch(() => undefined);
    if (!manifest) continue;
    const id = (JSON.parse(manifest.toString('utf8')) as Partial<VersionManifest>).policy;
    if (typeof id === 'string') folders.push({ id, manifest });
  }
  return folders;
}

/** The site-data file `policy build` wrote for `id` (its versions only when sealed), or undefined when missing or not one. */
async function readSiteData(built: string, id: string): Promise<SiteDataFile | undefined> {
  const text = await readFile(siteDataPath(built, id), 'utf8').catch(() => undefined);
  const data = text === undefined ? undefined : readSiteDataText(text);
  return data?.policy === id ? data : undefined;
}

/** One policy's site data from a build output, given its `site-data/<id>.json`, current and sealed. */
async function readPolicy(built: string, id: string, site: Pick<BuiltSiteData, 'versions' | 'files'>, today: string, naming: Awaited<ReturnType<typeof configuredNaming>>): Promise<SitePolicy> {
  // Every file read is the one the sealed site data names: a file swapped since is not published.
  const readBuilt = async (path: string): Promise<string> => {
    const bytes = await readFile(path);
    if (site.files[relative(built, path)] !== sha256(bytes)) throw new Error(`${path} differs from what \`policy build\` wrote`);
    return bytes.toString('utf8');
  };
  const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readBuilt(path)) as T;
  const manifest = await readJson<VersionManifest>(join(built, 'policies', id, 'manifest.json'));
  const rendered = new Map(site.versions.map((version) => [version.version, version]));
  // The versions whose snapshots verified when it was built (a tampered one is `policy check`'s finding).
  const byVersion = new Map(manifest.versions.map((entry) => [entry.version, entry]));
  const entries = site.versions.map((version) => byVersion.get(version.version)).filter((entry) => entry !== undefined);
  const versions: SiteVersion[] = [];
  const compiled = [];
  for (const [index, entry] of entries.entries()) {
    const previous = entries[index - 1];
    const document = await readJson<PolicyDocument>(join(built, 'policies', id, entry.version, 'document.json'));
    const rulesFolder = join(built, 'rules', id, entry.version);
    const rulesJson = await readBuilt(join(rulesFolder, 'rules.json'));
    const rules = JSON.parse(rulesJson) as CompiledRules;
    const own = rendered.get(entry.version)!;
    versions.push({
      policy: id,
      meta: document.meta,
      entry,
      status: 'superseded',
      sections: own.sections,
      declarations: document.declarations,
      rules,
      rulesJson,
      event: entry.event ? await readJson<NotificationEvent>(join(built, 'notifications', id, `${entry.version}.json`)) : null,
      previous: previous?.version ?? null,
      diff: previous ? await readJson<PolicyDiff>(join(built, 'diffs', id, `${previous.version}..${entry.version}.json`)) : null,
    });
    compiled.push({ rules, hash: (await readBuilt(join(rulesFolder, 'rules.sha256'))).split(/\s/, 1)[0]!, changes: own.changes });
  }
  const selected = versionInForce(versions.map((version) => ({ version: version.entry.version, effective: version.meta.effective, site: version })), today);
  // Before its first version takes effect a policy has nothing in force: the first one is
  // shown as the upcoming version, never as the current one.
  const current = selected.inForce?.site ?? versions[0]!;
  current.status = selected.inForce ? 'current' : 'upcoming';
  for (const { site: version } of selected.pending) version.status = 'upcoming';
  const upcoming = selected.inForce ? (selected.upcoming?.site ?? null) : null;
  // Only released translations: those snapshotted with the version in force and following it.
  // The working files beside policy.md are drafts, like policy.md.
  const translations = rendered.get(current.entry.version)!.translations.map(({ locale, title, sections, labels }) => ({ locale, title, sections, labels }));
  const feed = versionsFeed({ data: { id, versions: compiled }, title: current.meta.title, entries, names: packageNames(id, naming), asOf: today });
  return { id, title: current.meta.title, versions: versions.reverse(), current, upcoming, translations, feed };
}
