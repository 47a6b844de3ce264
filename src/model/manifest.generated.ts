/* eslint-disable */
// Generated from schema/manifest.schema.json by `npm run generate`. Do not edit:
// change the schema and regenerate. A test fails when this file is stale.

/**
 * The released versions of one policy (policies/<id>/versions/manifest.json). Each entry hashes its snapshot and its predecessor's entry, so editing or deleting history is detected.
 */
export interface VersionManifest {
  policy: string;
  versions: VersionEntry[];
}
export interface VersionEntry {
  version: string;
  /**
   * The version's effective date.
   */
  effective: string;
  /**
   * The date it was released (published).
   */
  released: string;
  /**
   * The snapshot, relative to the versions folder.
   */
  file: string;
  /**
   * SHA-256 of the snapshot's bytes.
   */
  sha256: string;
  /**
   * SHA-256 of the compiled canonical rules.json.
   */
  rulesSha256?: string;
  /**
   * The bump the changes required.
   */
  bump: 'initial' | 'major' | 'minor' | 'patch';
  /**
   * The notification event, relative to the versions folder.
   */
  event?: string;
  eventSha256?: string;
  /**
   * The previous entry's hash; null for the first.
   */
  previous: null | string;
  /**
   * SHA-256 of this entry's canonical JSON without `hash`.
   */
  hash: string;
  /**
   * Why the version takes effect before its release day, as the editor gave it in `effectiveReason`; absent when it does not.
   */
  effectiveReason?: string;
  /**
   * The translations released with this version: each snapshot, relative to the versions folder, and the SHA-256 of its bytes.
   */
  translations?: {
    locale: string;
    file: string;
    sha256: string;
  }[];
}
