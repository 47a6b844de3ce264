import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import type { VFile } from 'vfile';
import { canonicalJson, sha256 } from '../model/canonical.ts';
import { report } from '../diagnostics/report.ts';
import type { VersionEntry, VersionManifest } from '../model/manifest.generated.ts';
import { keptGitAnswers } from '../workspace/git-answers.ts';
import { git, gitObjects, gitSucceeds, workTreeRoot } from '../workspace/git.ts';
import type { DerivedStore } from './snapshot-store.ts';
import { manifestPath } from './manifest.ts';
import type { History } from './verify.ts';

/** The tag that marks (and, signed, vouches for) the commit that released a version. */
const releaseTag = (policy: string, version: string) => `policy/${policy}/${version}`;

/**
 * Whether release tags must be signed and are checked, and what they are checked against.
 * `required` when git can verify signatures for this repository (`gpg.ssh.allowedSignersFile`
 * names the SSH keys allowed), or when `git config policy.verifyTags true` says so (GPG keys
 * in the keyring). `trust` hashes everything an SSH signature's verdict depends on besides
 * the signed tag itself: git's `gpg.*` settings and the allowed-signers and revocation files'
 * bytes. It is undefined when that cannot be known (no allowed-signers file, or one that
 * cannot be read), and then no verdict is kept. One git process.
 */
interface SigningKeys {
  required: boolean;
  trust: string | undefined;
}

/**
 * Read the signing configuration of the repository at `root` (see {@link SigningKeys}).
 * `listed` is `git config`'s answer when it was asked already, from any folder of the work
 * tree (the repository's configuration is the same there).
 */
async function signingKeysConfigured(root: string, listed: Promise<string> = signingConfig(root)): Promise<SigningKeys> {
  const values = new Map<string, string | undefined>();
  for (const item of (await listed).split('\0').filter(Boolean)) {
    const split = item.indexOf('\n');
    // The last setting wins, as in `git config --get`; a key without `=` is a true boolean.
    values.set(split < 0 ? item : item.slice(0, split), split < 0 ? undefined : item.slice(split + 1));
  }
  const signers = values.get('gpg.ssh.allowedsignersfile');
  const wanted = values.has('policy.verifytags') ? (values.get('policy.verifytags') ?? 'true') : 'false';
  const required = (signers !== undefined && signers.trim() !== '') || /^(true|yes|on|0*[1-9]\d*)$/i.test(wanted.trim());
  return { required, trust: required && signers !== undefined && signers.trim() !== '' ? await trustHash(root, values) : undefined };
}

/** git's signing settings, as `git config -z --get-regexp` lists them (nothing when git fails: no keys are configured). */
function signingConfig(cwd: string): Promise<string> {
  return signingSettings(cwd).then((answer) => answer ?? '');
}

/** git's signing settings, or undefined when git failed for another reason than finding none (exit status 1), so the failure is not kept as an answer. */
function signingSettings(cwd: string): Promise<string | undefined> {
  return git(cwd, 'config', '-z', '--get-regexp', '^(gpg\\..*|policy\\.verifytags)$').catch((error: { code?: unknown }) => (error.code === 1 ? '' : undefined));
}

/** The bytes of a file git names in its configuration (`~/` is the home folder, relative paths are git's working folder), or undefined when it cannot be read. */
async function configuredFile(root: string, path: string | undefined): Promise<string | undefined> {
  if (path === undefined || path.trim() === '') return '';
  const resolved = path.startsWith('~/') ? join(homedir(), path.slice(2)) : resolve(root, path);
  return readFile(resolved, 'utf8').catch(() => undefined);
}

/** The hash of what SSH signature verification trusts (see {@link SigningKeys}); undefined when a file it names cannot be read. */
async function trustHash(root: string, values: ReadonlyMap<string, string | undefined>): Promise<string | undefined> {
  const [signers, revoked] = await Promise.all([configuredFile(root, values.get('gpg.ssh.allowedsignersfile')), configuredFile(root, values.get('gpg.ssh.revocationfile'))]);
  if (signers === undefined || revoked === undefined) return undefined;
  const settings = [...values].filter(([key]) => key.startsWith('gpg.')).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return sha256(JSON.stringify({ settings, signers, revoked }));
}

/** One commit that changed a policy's manifest, oldest first. */
interface ManifestCommit {
  commit: string;
  date: string;
  versions: VersionEntry[];
}

/** The commits that changed `manifestFile` (relative to `root`), oldest first, as `<commit> <date>` lines; rejects when git cannot read the history. */
async function manifestLog(root: string, manifestFile: string): Promise<string> {
  return git(root, 'log', '--reverse', '--format=%H %cs', '--', manifestFile);
}

/**
 * The manifest as each commit of `log` left it, read in one `git cat-file --batch`. A commit
 * whose manifest did not parse anchors nothing (it was reported when it was made).
 */
async function manifestCommits(root: string, manifestFile: string, log: string): Promise<ManifestCommit[]> {
  const lines = log.split('\n').filter(Boolean).map((line) => line.split(' ') as [string, string]);
  // A failure rejects: it is no answer about the history, and must not be kept as one.
  const texts = await gitObjects(root, lines.map(([commit]) => `${commit}:${manifestFile}`));
  const commits: ManifestCommit[] = [];
  lines.forEach(([commit, date], index) => {
    const text = texts[index];
    if (!text) return;
    try {
      const parsed = JSON.parse(text.toString('utf8')) as VersionManifest;
      if (Array.isArray(parsed.versions)) commits.push({ commit, date, versions: parsed.versions });
    } catch {
      // A manifest that did not parse then was reported then; it anchors nothing.
    }
  });
  return commits;
}

/**
 * Whether two manifest entries hold the same data. The same entry in two commits is usually
 * serialised alike, so comparing JSON.stringify first spares the canonical form (keys sorted)
 * for the entries that differ or were written in another key order.
 */
function sameEntry(a: VersionEntry, b: VersionEntry, aText = JSON.stringify(a)): boolean {
  return aText === JSON.stringify(b) || canonicalJson(a) === canonicalJson(b);
}

/** The commit that released each version: the first commit whose manifest holds its entry. */
function releasingCommits(commits: readonly ManifestCommit[]): Record<string, string> {
  const found: Record<string, string> = {};
  for (const commit of commits) for (const entry of commit.versions) if (!Object.hasOwn(found, entry.version)) found[entry.version] = commit.commit;
  return found;
}

/**
 * What comparing the commits with today's manifest found. It depends only on the commits
 * (which pin their manifests) and today's manifest text, so it is kept in the derived cache
 * under a key made of both; the tags, which can move, are checked on every run (a signature
 * once per tag object and trusted keys, see {@link verifyTags}).
 */
export interface AnchoredCommits {
  /** Whether any commit holds the manifest. */
  committed: boolean;
  /** The `history-tampered` findings, in order. */
  findings: string[];
  /** The commit that released each version. */
  releasing: Record<string, string>;
}

/** Compare every commit's manifest with today's: entries never change, disappear or move. */
function compareCommits(commits: readonly ManifestCommit[], today: readonly VersionEntry[]): AnchoredCommits {
  const todayTexts = today.map((entry) => JSON.stringify(entry));
  const findings: string[] = [];
  const reported = new Set<string>();
  const once = (key: string, reason: string) => {
    if (reported.has(key)) return;
    reported.add(key);
    findings.push(reason);
  };
  const short = (commit: string) => commit.slice(0, 12);
  for (const { commit, date, versions } of commits) {
    versions.forEach((then, index) => {
      const now = today[index];
      if (now && sameEntry(now, then, todayTexts[index])) return;
      const where = `commit ${short(commit)} (${date})`;
      const stillThere = today.find((entry) => entry.version === then.version);
      if (!stillThere) {
        once(`deleted ${then.version}`, `Version ${then.version} was released (manifest of ${where}) but is no longer in the manifest: a released version was deleted`);
      } else if (!sameEntry(stillThere, then)) {
        const changed = (Object.keys({ ...then, ...stillThere }) as (keyof VersionEntry)[]).filter((key) => canonicalJson(then[key] ?? null) !== canonicalJson(stillThere[key] ?? null) && key !== 'hash' && key !== 'previous');
        const detail = changed.length > 0 ? changed.map((key) => `${key} ${JSON.stringify(then[key] ?? null)} then, ${JSON.stringify(stillThere[key] ?? null)} now`).join('; ') : 'its place in the chain changed';
        once(`edited ${then.version}`, `The manifest entry of ${then.version} differs from the one in ${where}: ${detail}; released history was rewritten`);
      } else {
        once(`moved ${then.version}`, `Version ${then.version} has moved in the manifest since ${where}: released history was rewritten`);
      }
    });
  }
  return { committed: commits.length > 0, findings, releasing: releasingCommits(commits) };
}

/** A release tag as `git for-each-ref` sees it. */
interface ReleaseTag {
  /** The commit it marks. */
  commit: string;
  /** The tag object's id (the commit's, for a lightweight tag): content-addressed, so a moved or re-signed tag has another. */
  object: string;
  /** Whether the tag object carries an SSH signature, whose verdict depends only on the object and {@link SigningKeys.trust}. */
  sshSigned: boolean;
}

/** The release tags of every policy as one `git for-each-ref` lists them (see {@link releaseTags}), or undefined when git fails. */
function tagListing(root: string): Promise<string | undefined> {
  // NUL-separated fields, since a signature spans lines; each record ends with NUL and git's newline.
  return git(root, 'for-each-ref', '--format=%(refname)%00%(objectname)%00%(*objectname)%00%(*objecttype)%00%(contents:signature)%00', 'refs/tags/policy/').catch(() => undefined);
}

/** The release tags of every policy, the commits they point at and their signatures' kind, from one `git for-each-ref` (its `listed` answer when known). */
async function releaseTags(root: string, listing: Promise<string | undefined> = tagListing(root)): Promise<Map<string, ReleaseTag>> {
  const listed = (await listing) ?? '';
  const fields = listed.split('\0');
  const tags = new Map<string, ReleaseTag>();
  for (let at = 0; at + 4 < fields.length; at += 5) {
    const [ref, object, peeled, peeledType, signature] = fields.slice(at, at + 5).map((field, index) => (index === 0 ? field.replace(/^\n/, '') : field)) as [string, string, string, string, string];
    const tag = ref.slice('refs/tags/'.length);
    const sshSigned = signature.startsWith('-----BEGIN SSH SIGNATURE-----');
    // A lightweight tag is its commit; an annotated one points at it (rarely through another tag).
    if (!peeled) tags.set(tag, { commit: object, object, sshSigned: false });
    else if (peeledType === 'commit') tags.set(tag, { commit: peeled, object, sshSigned });
    else tags.set(tag, { commit: (await git(root, 'rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`).catch(() => '')).trim(), object, sshSigned });
  }
  return tags;
}

/**
 * The SSH-signed tag objects whose signatures verified, kept between runs for one
 * repository, valid while the trust they were verified with ({@link SigningKeys.trust}) holds.
 */
export interface KeptSignatures {
  trust: string;
  verified: string[];
}

/**
 * Release tags (`policy/<id>/<version>`): a tag must point at the commit that released its
 * version; with signing keys configured every release needs one, and its signature must
 * verify. Without keys, tags are optional and only their place is checked. A signature is
 * verified once per tag object and trust: a tag object is content-addressed, so one that
 * verified stays verified until the keys or git's signing settings change; a retagged
 * release is a new object and is verified again. GPG signatures (whose keyring is not
 * hashed) and every signature without a store are verified on every run.
 */
async function verifyTags(root: string, manifest: VersionManifest, releasing: Readonly<Record<string, string>>, file: VFile, session: AnchorSession, store: DerivedStore<unknown> | undefined): Promise<void> {
  const [keys, tags] = await Promise.all([session.keys(root), session.tags(root)]);
  const toVerify: { tag: string; object: string; keep: boolean }[] = [];
  for (const entry of manifest.versions) {
    const tag = releaseTag(manifest.policy, entry.version);
    const tagged = tags.get(tag);
    const released = Object.hasOwn(releasing, entry.version) ? releasing[entry.version] : undefined;
    if (!tagged) {
      if (keys.required && released) report(file, 'history-tampered', `Version ${entry.version} has no signed tag ${tag}: signing keys are configured, so every release needs one (\`policy tag ${manifest.policy} ${entry.version}\`)`, { line: 1, column: 1 });
      continue;
    }
    if (released && tagged.commit !== released) {
      report(file, 'history-tampered', `The tag ${tag} points at commit ${tagged.commit.slice(0, 12)}, not at ${released.slice(0, 12)}, the commit that released ${entry.version}`, { line: 1, column: 1 });
      continue;
    }
    if (keys.required) toVerify.push({ tag, object: tagged.object, keep: tagged.sshSigned && keys.trust !== undefined });
  }
  if (toVerify.length === 0) return;
  const name = sha256(JSON.stringify(['signatures', root]));
  const stored = store && keys.trust !== undefined ? await store.get(name) : undefined;
  const kept = isKeptSignatures(stored) && stored.trust === keys.trust ? new Set(stored.verified) : new Set<string>();
  const pending = toVerify.filter(({ object, keep }) => !(keep && kept.has(object)));
  if (pending.length === 0) return;
  const verified: string[] = [];
  // All signatures in one `git tag -v`; only when one fails is each verified on its own, to name it.
  if (await gitSucceeds(root, 'tag', '-v', ...pending.map(({ tag }) => tag))) {
    verified.push(...pending.filter(({ keep }) => keep).map(({ object }) => object));
  } else {
    for (const { tag, object, keep } of pending) {
      if (await gitSucceeds(root, 'tag', '-v', tag)) {
        if (keep) verified.push(object);
      } else report(file, 'history-tampered', `The tag ${tag} is not signed by a configured key: its signature does not verify`, { line: 1, column: 1 });
    }
  }
  if (store && keys.trust !== undefined && verified.length > 0) {
    // Only the tags that still exist are kept, so the entry does not grow with retagging.
    const current = new Set([...tags.values()].map(({ object }) => object));
    await store.set(name, { trust: keys.trust, verified: [...new Set([...kept, ...verified])].filter((object) => current.has(object)) } satisfies KeptSignatures);
  }
}

/** Whether a cached value has the shape of {@link KeptSignatures}. */
function isKeptSignatures(value: unknown): value is KeptSignatures {
  const candidate = value as Partial<KeptSignatures> | undefined;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.trust === 'string' && Array.isArray(candidate.verified) && candidate.verified.every((item) => typeof item === 'string');
}

/**
 * Sign the release of a version with git's own signed tag (`git tag -s`, SSH or GPG as git is
 * configured: gpg.format, user.signingkey) on the commit that released it: the first commit
 * whose manifest holds its entry as it stands. Returns the tag, or why it cannot be made.
 */
export async function tagRelease(policyFolder: string, manifest: VersionManifest, version: string): Promise<{ tag: string; commit: string } | { refusal: string }> {
  const entry = manifest.versions.find((candidate) => candidate.version === version);
  if (!entry) return { refusal: `${manifest.policy} has no released version ${version}` };
  const root = await workTreeRoot(policyFolder);
  if (!root) return { refusal: 'the policy is not in a git repository' };
  const manifestFile = relative(root, manifestPath(policyFolder));
  const commits = await manifestCommits(root, manifestFile, await manifestLog(root, manifestFile)).catch(() => [] as ManifestCommit[]);
  const commit = commits.find((candidate) => candidate.versions.some((held) => sameEntry(entry, held)))?.commit;
  if (!commit) return { refusal: `version ${version} is not committed yet: commit the release, then tag it` };
  const tag = releaseTag(manifest.policy, version);
  try {
    await git(root, 'tag', '-s', '-m', `${manifest.policy} ${version}, manifest entry ${entry.hash}`, tag, commit);
  } catch (error) {
    const reason = (error as { stderr?: string }).stderr?.trim().split('\n')[0] ?? String(error);
    return { refusal: `git could not sign the tag (${reason}); configure a key: git config gpg.format ssh and user.signingkey, or a GPG key` };
  }
  return { tag, commit };
}

/**
 * What one run learns about a repository once for all the policies it checks there: whether
 * signing keys are configured, and the release tags.
 */
export interface AnchorSession {
  /** `git rev-parse` in a policy folder: the work tree's top, whether it is shallow, HEAD, then the release tags' names (undefined outside git). */
  where(folder: string): Promise<string[] | undefined>;
  keys(root: string): Promise<SigningKeys>;
  tags(root: string): Promise<Map<string, ReleaseTag>>;
}

/**
 * Where a policy folder's repository is, whether it is a shallow clone and which commit HEAD
 * is, in one process (HEAD is left out in a repository without commits, where asking fails),
 * followed by the names of the release tags (`refs/tags/policy/...`, after
 * `--symbolic-full-name`), so a repository without any needs no `git for-each-ref`.
 */
async function locate(folder: string): Promise<string[] | undefined> {
  const revParse = (...extra: string[]) => git(folder, 'rev-parse', '--show-toplevel', '--is-shallow-repository', ...extra, '--symbolic-full-name', '--glob=refs/tags/policy/*').then((out) => out.split('\n'), () => undefined);
  return (await revParse('HEAD')) ?? (await revParse());
}

/**
 * A session for one run (one `policy check` of many policies): each repository asked once.
 * With a store, git's answers (where, HEAD, the release tags, the signing settings) are kept
 * between runs while the files git reads for them are unchanged (src/workspace/git-answers.ts),
 * so a run on an unchanged repository starts no git process for them. `clock` is for tests
 * (see keptGitAnswers).
 */
export function anchorSession(store?: DerivedStore<unknown>, clock?: () => number): AnchorSession {
  const keys = new Map<string, Promise<SigningKeys>>();
  const tags = new Map<string, Promise<Map<string, ReleaseTag>>>();
  const located = new Map<string, Promise<string[] | undefined>>();
  return {
    where: (folder) => {
      // Policies side by side (policies/<id>/) share a repository, unless a policy folder is one of its own.
      const key = existsSync(join(folder, '.git')) ? resolve(folder) : resolve(dirname(folder));
      const known = located.get(key);
      if (known) return known;
      const asked = (async () => {
        const kept = await keptGitAnswers(folder, store, clock);
        const keptConfig = kept.get('config');
        // The signing settings are asked beside the location, not after it: two git processes at once.
        const config = keptConfig !== undefined ? Promise.resolve(keptConfig) : signingSettings(folder);
        const keptWhere = kept.get('where');
        const lines = keptWhere !== undefined ? keptWhere.split('\n') : await locate(folder);
        const root = lines?.[0]?.trim();
        const tagged = lines?.some((line) => line.startsWith('refs/tags/policy/')) ?? false;
        const keptTags = tagged ? kept.get('tags') : undefined;
        const listing = !root || !tagged ? undefined : keptTags !== undefined ? Promise.resolve(keptTags) : tagListing(root);
        if (root && !keys.has(root)) keys.set(root, signingKeysConfigured(root, config.then((answer) => answer ?? '')));
        // No release tag at all: the tags are known without asking git for them.
        if (root && !tags.has(root)) tags.set(root, listing ? releaseTags(root, listing) : Promise.resolve(new Map()));
        if (store && lines && root) {
          // Only answers git gave are kept, never a failure read as "none".
          if (keptWhere === undefined) kept.put('where', lines.join('\n'));
          const [configAnswer, listed] = await Promise.all([config, listing]);
          if (keptConfig === undefined && configAnswer !== undefined) kept.put('config', configAnswer);
          if (listing && keptTags === undefined && listed !== undefined) kept.put('tags', listed);
          await kept.save();
        }
        return lines;
      })();
      located.set(key, asked);
      return asked;
    },
    keys: (root) => keys.get(root) ?? keys.set(root, signingKeysConfigured(root)).get(root)!,
    tags: (root) => tags.get(root) ?? tags.set(root, releaseTags(root)).get(root)!,
  };
}

/** How far the released history could be checked against git. */
export type AnchorStatus = 'verified' | 'not-a-repository' | 'shallow' | 'not-committed' | 'unreadable';

/**
 * The comparison kept for one policy's manifest in one repository: valid for the manifest
 * text it was made with, and for the HEAD or the manifest's log (hashed) it was made at. One
 * entry per policy, replaced as HEAD moves, so a commit a day does not add a file a day.
 */
export interface KeptComparison {
  text: string;
  head: string | undefined;
  log: string;
  anchored: AnchoredCommits;
}

/** Options of {@link verifyAgainstGit}. */
export interface AnchorOptions {
  /**
   * Where comparisons of the commits with the manifest are kept between runs (the derived
   * cache), keyed by the commits that changed the manifest and the manifest's text.
   */
  store?: DerivedStore<unknown> | undefined;
  /** Facts about the repository shared with the other policies of the same run (default: this policy's own). */
  session?: AnchorSession | undefined;
}

/**
 * Verify a policy's released history against git itself: git is the anchor, the manifest's
 * hashes only chain the files. Every commit that ever changed the manifest must hold a
 * prefix of today's manifest: entries never change, disappear or move. Each entry holds the
 * SHA-256 of its snapshot, event and translations, which {@link verifyHistory} compares with
 * the files, so an edited snapshot with recomputed hashes, a deleted release and a backdated
 * one all show as an entry that differs from the one committed with the release.
 * Findings are `history-tampered` errors on the history's file, naming the commit. A folder
 * outside git, or a shallow clone (CI must fetch the whole history), cannot be verified:
 * the status says so, and with `required` that is an error too.
 *
 * A handful of git processes whatever the length of the history: the manifests of all
 * commits come from one `git cat-file --batch` (skipped when the store holds the comparison
 * for these commits and this manifest), the tags from one `git for-each-ref` (skipped when
 * the `git rev-parse` that locates the repository lists none), their signatures from one
 * `git tag -v` (skipped for tag objects the store saw verify with the same trusted keys).
 * On a warm run that is `rev-parse`, `config` and, with release tags, `for-each-ref`; with
 * a session that keeps git's answers ({@link anchorSession} with a store), none of them
 * while the files git reads for them are unchanged.
 */
export async function verifyAgainstGit(policyFolder: string, history: History, required = false, options: AnchorOptions = {}): Promise<AnchorStatus> {
  const { file, manifest } = history;
  if (!manifest) return 'verified';
  const session = options.session ?? anchorSession();
  const where = await session.where(policyFolder);
  const root = where?.[0]?.trim();
  if (!where || !root) {
    if (required) report(file, 'history-tampered', 'The released history cannot be checked against git: the policy is not in a git repository', { line: 1, column: 1 });
    return 'not-a-repository';
  }
  if (where[1]?.trim() === 'true') {
    if (required) report(file, 'history-tampered', 'The released history cannot be checked against git: this is a shallow clone; fetch the whole history (actions/checkout: fetch-depth: 0)', { line: 1, column: 1 });
    return 'shallow';
  }
  const manifestFile = relative(root, manifestPath(policyFolder));
  // Commit ids pin the history and each commit's manifest, and the text pins today's: equal
  // keys, equal findings. Known HEAD, the log is not even asked for; a new commit that left
  // the manifest alone gives the same log, so the manifests are not read again.
  const textHash = sha256(String(file.value ?? ''));
  const head = /^[0-9a-f]{40,64}$/.test(where[2]?.trim() ?? '') ? where[2]!.trim() : undefined;
  const name = sha256(JSON.stringify(['comparison', root, manifestFile]));
  const stored = await options.store?.get(name);
  const kept = isKeptComparison(stored) && stored.text === textHash ? stored : undefined;
  let anchored = kept && head !== undefined && kept.head === head ? kept.anchored : undefined;
  if (!anchored) {
    try {
      const log = await manifestLog(root, manifestFile);
      const logHash = sha256(log);
      anchored = kept && kept.log === logHash ? kept.anchored : compareCommits(await manifestCommits(root, manifestFile, log), manifest.versions);
      await options.store?.set(name, { text: textHash, head, log: logHash, anchored });
    } catch (error) {
      // A broken object store, or a partial clone offline: nothing was compared, so nothing is kept.
      const reason = ((error as { stderr?: string }).stderr ?? (error instanceof Error ? error.message : String(error))).trim().split('\n', 1)[0];
      if (required) report(file, 'history-tampered', `The released history cannot be checked against git: git could not read the history (${reason})`, { line: 1, column: 1 });
      return 'unreadable';
    }
  }
  if (!anchored.committed) return 'not-committed';
  await verifyTags(root, manifest, anchored.releasing, file, session, options.store);
  for (const reason of anchored.findings) report(file, 'history-tampered', reason, { line: 1, column: 1 });
  return 'verified';
}

/** Whether a cached value has the shape of {@link KeptComparison} (a store vouches for its bytes, not its shape). */
function isKeptComparison(value: unknown): value is KeptComparison {
  const candidate = value as Partial<KeptComparison> | undefined;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.text === 'string' && typeof candidate.log === 'string' && (candidate.head === undefined || typeof candidate.head === 'string') && isAnchoredCommits(candidate.anchored);
}

/** Whether a cached value has the shape of {@link AnchoredCommits}. */
function isAnchoredCommits(value: unknown): value is AnchoredCommits {
  const candidate = value as Partial<AnchoredCommits> | undefined;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.committed === 'boolean' && Array.isArray(candidate.findings) && candidate.findings.every((item) => typeof item === 'string') && typeof candidate.releasing === 'object' && candidate.releasing !== null;
}
