/* eslint-disable */
// Generated from schema/versions.schema.json by `npm run generate`. Do not edit:
// change the schema and regenerate. A test fails when this file is stale.

/**
 * A policy's released versions for machines, published by the site at /<id>/versions.json: effective dates, how each change was classified, the SHA-256 of each version's rules.json, and the packages that carry them. A service's CI reads it to notice a new release, and the package's verify() compares its hashes with it.
 */
export interface PublishedVersions {
  /**
   * Version of this format.
   */
  format: 1;
  /**
   * The policy id.
   */
  policy: string;
  title: string;
  /**
   * The day the site was built: `inForce` is the version in force on that day.
   */
  asOf: string;
  /**
   * The version in force on `asOf`; null before the first one takes effect.
   */
  inForce: string | null;
  package: PublishedPackages;
  /**
   * The release chain head: the hash of the newest entry of versions/manifest.json, which chains every release before it. A rewritten release history changes it, so a copy kept by an outsider shows the rewrite.
   */
  manifestHead?: string;
  /**
   * Every released version, ascending.
   */
  versions: PublishedVersion[];
}
export interface PublishedPackages {
  /**
   * The npm package name.
   */
  npm: string;
  /**
   * The Python distribution name.
   */
  python: string;
  /**
   * The packages' version: the latest released version of the policy.
   */
  version: string;
}
export interface PublishedVersion {
  version: string;
  effective: string;
  released: string;
  /**
   * SHA-256 of the version's canonical rules.json.
   */
  rulesSha256: string;
  /**
   * SHA-256 of the released snapshot, as in the manifest.
   */
  documentSha256: string;
  /**
   * Site path of the version's rules.json.
   */
  rules: string;
  /**
   * Site path of the version's page.
   */
  page: string;
  classification: PublishedClassification;
}
/**
 * How the changes from the previous version were classified.
 */
export interface PublishedClassification {
  /**
   * The version bump the changes required; initial for the first version.
   */
  bump: 'initial' | 'major' | 'minor' | 'patch';
  /**
   * Whether any declaration change is material.
   */
  material: boolean;
  /**
   * What users must be given: nothing; information (no deadline); notice before the effective date; a request for consent before the effective date; or a request for explicit consent (special categories of data, children) before the effective date.
   */
  action: 'none' | 'inform' | 'notice' | 'reconsent' | 'explicit-consent';
  /**
   * One plain line per classified declaration change.
   */
  reasons: string[];
}
