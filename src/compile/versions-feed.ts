import type { ClassifiedChange } from '../model/change.generated.ts';
import type { VersionEntry } from '../model/manifest.generated.ts';
import type { PublishedClassification, PublishedVersions } from '../model/versions.generated.ts';
import { versionInForce } from '../runtime/in-force.ts';
import type { PolicyData, VersionData } from '../runtime/policy-runtime.ts';
import type { PackageNames } from './package.ts';
import { actionOrder } from '../classify/change.ts';


/** What the versions feed is made from: the compiled versions, their manifest entries, the package names. */
export interface VersionsFeedInput {
  /** The compiled versions, oldest first: only their rules, hashes and classified changes are read. */
  data: Pick<PolicyData, 'id'> & { versions: readonly Pick<VersionData, 'rules' | 'hash' | 'changes'>[] };
  title: string;
  /** The manifest entries of the released versions, any order. */
  entries: readonly VersionEntry[];
  names: PackageNames;
  /** The day the feed is built (YYYY-MM-DD): it decides the version in force. */
  asOf: string;
}

/**
 * The machine-readable list of a policy's released versions that the site publishes at
 * `/<id>/versions.json` (schema/versions.schema.json): effective dates, the classification of
 * each version's changes with their reasons, the rules hashes, and the packages' names and version.
 */
export function versionsFeed({ data, title, entries, names, asOf }: VersionsFeedInput): PublishedVersions {
  const byVersion = new Map(entries.map((entry) => [entry.version, entry]));
  const versions = data.versions.map((version) => {
    const name = version.rules.version;
    const entry = byVersion.get(name);
    if (!entry) throw new Error(`${data.id} ${name} has no manifest entry: only released versions are published`);
    return {
      version: name,
      effective: version.rules.effective,
      released: entry.released,
      rulesSha256: version.hash,
      documentSha256: entry.sha256,
      rules: `/${data.id}/v/${name}/rules.json`,
      page: `/${data.id}/v/${name}/`,
      classification: classification(entry.bump, version.changes),
    };
  });
  return {
    format: 1,
    policy: data.id,
    title,
    asOf,
    inForce: versionInForce(versions, asOf).inForce?.version ?? null,
    package: { npm: names.npm, python: names.python, version: versions.at(-1)!.version },
    ...(entries.at(-1) ? { manifestHead: entries.at(-1)!.hash } : {}),
    versions,
  };
}

function classification(bump: VersionEntry['bump'], changes: readonly ClassifiedChange[]): PublishedClassification {
  const action = changes.reduce<ClassifiedChange['action']>((most, change) => (actionOrder.indexOf(change.action) > actionOrder.indexOf(most) ? change.action : most), 'none');
  return { bump, material: changes.some((change) => change.material), action, reasons: changes.map((change) => change.reason) };
}
