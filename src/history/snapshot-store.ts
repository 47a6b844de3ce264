import type { PolicyDocument } from '../model/policy.generated.ts';

/**
 * What checking a released snapshot produced, kept so the next run need not parse, check and
 * compile it again. Keyed by the SHA-256 of the snapshot's bytes, which the manifest pins:
 * the same bytes checked by the same engine give the same result.
 */
export interface CheckedSnapshot {
  /** The SHA-256 of the snapshot's bytes this result is for. */
  sha256: string;
  document: PolicyDocument;
  /** SHA-256 of the canonical JSON of the snapshot's compiled rules. */
  rulesSha256: string;
}

/**
 * Derived data kept by key under the same rules as a {@link SnapshotStore}: an entry written
 * by another engine, corrupted or edited is `undefined`. For results that depend only on
 * content hashes, such as the diff between two snapshots.
 */
export interface DerivedStore<T> {
  get(key: string): Promise<T | undefined>;
  set(key: string, value: T): Promise<void>;
}

/**
 * Where checked snapshots are kept between runs. A store answers only for the engine that
 * wrote an entry; anything it cannot vouch for (missing, corrupted, another engine's) is
 * `undefined`, and the snapshot is checked again. Storing may fail silently: a cache is
 * never needed for a correct answer.
 */
export interface SnapshotStore {
  get(sha256: string): Promise<CheckedSnapshot | undefined>;
  set(entry: CheckedSnapshot): Promise<void>;
  /**
   * The same answer as `get`, synchronously, once a `get` has resolved (a store may need to
   * learn its engine first; before that it answers `undefined`): for documents a history
   * reads only when they are asked for.
   */
  peek?(sha256: string): CheckedSnapshot | undefined;
  /**
   * Other derived data kept beside the snapshots, by kind (`history`: the manifests verified
   * clean; `anchor`: git comparisons), when the store keeps any.
   */
  derived?<T>(kind: string): DerivedStore<T>;
}
