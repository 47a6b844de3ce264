import { execFile } from 'node:child_process';
import { relative } from 'node:path';
import { promisify } from 'node:util';
import type { VFile } from 'vfile';
import { canonicalJson } from '../model/canonical.ts';
import { report } from '../diagnostics/report.ts';
import type { VersionEntry, VersionManifest } from '../model/manifest.generated.ts';
import { manifestPath } from './manifest.ts';
import type { History } from './verify.ts';

const run = promisify(execFile);

async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
}

/** The tag that marks (and, signed, vouches for) the commit that released a version. */
export const releaseTag = (policy: string, version: string) => `policy/${policy}/${version}`;

/**
 * Whether release tags must be signed and are checked: when git can verify signatures for
 * this repository (`gpg.ssh.allowedSignersFile` names the SSH keys allowed), or when
 * `git config policy.verifyTags true` says so (GPG keys in the keyring).
 */
async function signingKeysConfigured(root: string): Promise<boolean> {
  const signers = (await git(root, 'config', '--get', 'gpg.ssh.allowedSignersFile').catch(() => '')).trim();
  const wanted = (await git(root, 'config', '--type=bool', '--get', 'policy.verifyTags').catch(() => '')).trim();
  return signers !== '' || wanted === 'true';
}

/** The commit that released each version: the first commit whose manifest holds its entry. */
function releasingCommits(commits: readonly ManifestCommit[]): Map<string, ManifestCommit> {
  const found = new Map<string, ManifestCommit>();
  for (const commit of commits) for (const entry of commit.versions) if (!found.has(entry.version)) found.set(entry.version, commit);
  return found;
}

/**
 * Release tags (`policy/<id>/<version>`): a tag must point at the commit that released its
 * version; with signing keys configured every release needs one, and its signature must
 * verify. Without keys, tags are optional and only their place is checked.
 */
async function verifyTags(root: string, manifest: VersionManifest, commits: readonly ManifestCommit[], file: VFile): Promise<void> {
  const keys = await signingKeysConfigured(root);
  const releasing = releasingCommits(commits);
  for (const entry of manifest.versions) {
    const tag = releaseTag(manifest.policy, entry.version);
    const tagged = (await git(root, 'rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`).catch(() => '')).trim();
    const released = releasing.get(entry.version);
    if (!tagged) {
      if (keys && released) report(file, 'history-tampered', `Version ${entry.version} has no signed tag ${tag}: signing keys are configured, so every release needs one (\`policy tag ${manifest.policy} ${entry.version}\`)`, { line: 1, column: 1 });
      continue;
    }
    if (released && tagged !== released.commit) {
      report(file, 'history-tampered', `The tag ${tag} points at commit ${tagged.slice(0, 12)}, not at ${released.commit.slice(0, 12)}, the commit that released ${entry.version}`, { line: 1, column: 1 });
      continue;
    }
    if (keys && !(await run('git', ['tag', '-v', tag], { cwd: root }).then(() => true, () => false))) {
      report(file, 'history-tampered', `The tag ${tag} is not signed by a configured key: its signature does not verify`, { line: 1, column: 1 });
    }
  }
}

/**
 * Sign the release of a version with git's own signed tag (`git tag -s`, SSH or GPG as git is
 * configured: gpg.format, user.signingkey) on the commit that released it. Returns the tag,
 * or why it cannot be made.
 */
export async function tagRelease(policyFolder: string, manifest: VersionManifest, version: string): Promise<{ tag: string; commit: string } | { refusal: string }> {
  const entry = manifest.versions.find((candidate) => candidate.version === version);
  if (!entry) return { refusal: `${manifest.policy} has no released version ${version}` };
  const root = await git(policyFolder, 'rev-parse', '--show-toplevel').then((out) => out.trim(), () => undefined);
  if (!root) return { refusal: 'the policy is not in a git repository' };
  const manifestFile = relative(root, manifestPath(policyFolder));
  const log = await git(root, 'log', '--reverse', '--format=%H %cs', '--', manifestFile).catch(() => '');
  let commit: string | undefined;
  for (const line of log.split('\n').filter(Boolean)) {
    const [candidate] = line.split(' ') as [string];
    const text = await gitBytes(root, 'show', `${candidate}:${manifestFile}`);
    const versions = (() => {
      try {
        return (JSON.parse(text?.toString('utf8') ?? '{}') as VersionManifest).versions ?? [];
      } catch {
        return [];
      }
    })();
    if (versions.some((held) => canonicalJson(held) === canonicalJson(entry))) {
      commit = candidate;
      break;
    }
  }
  if (!commit) return { refusal: `version ${version} is not committed yet: commit the release, then tag it` };
  const tag = releaseTag(manifest.policy, version);
  try {
    await run('git', ['tag', '-s', '-m', `${manifest.policy} ${version}, manifest entry ${entry.hash}`, tag, commit], { cwd: root });
  } catch (error) {
    const reason = (error as { stderr?: string }).stderr?.trim().split('\n')[0] ?? String(error);
    return { refusal: `git could not sign the tag (${reason}); configure a key: git config gpg.format ssh and user.signingkey, or a GPG key` };
  }
  return { tag, commit };
}

async function gitBytes(cwd: string, ...args: string[]): Promise<Buffer | undefined> {
  try {
    const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'buffer' });
    return stdout;
  } catch {
    return undefined;
  }
}

/** How far the released history could be checked against git. */
export type AnchorStatus = 'verified' | 'not-a-repository' | 'shallow' | 'not-committed';

/** One commit that changed a policy's manifest, oldest first. */
interface ManifestCommit {
  commit: string;
  date: string;
  versions: VersionEntry[];
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
 */
export async function verifyAgainstGit(policyFolder: string, history: History, required = false): Promise<AnchorStatus> {
  const { file, manifest } = history;
  if (!manifest) return 'verified';
  const root = await git(policyFolder, 'rev-parse', '--show-toplevel').then((out) => out.trim(), () => undefined);
  if (!root) {
    if (required) report(file, 'history-tampered', 'The released history cannot be checked against git: the policy is not in a git repository', { line: 1, column: 1 });
    return 'not-a-repository';
  }
  if ((await git(root, 'rev-parse', '--is-shallow-repository').catch(() => 'false')).trim() === 'true') {
    if (required) report(file, 'history-tampered', 'The released history cannot be checked against git: this is a shallow clone; fetch the whole history (actions/checkout: fetch-depth: 0)', { line: 1, column: 1 });
    return 'shallow';
  }
  const manifestFile = relative(root, manifestPath(policyFolder));
  const log = await git(root, 'log', '--reverse', '--format=%H %cs', '--', manifestFile).catch(() => '');
  const commits: ManifestCommit[] = [];
  for (const line of log.split('\n').filter(Boolean)) {
    const [commit, date] = line.split(' ') as [string, string];
    const text = await gitBytes(root, 'show', `${commit}:${manifestFile}`);
    if (!text) continue;
    try {
      const parsed = JSON.parse(text.toString('utf8')) as VersionManifest;
      if (Array.isArray(parsed.versions)) commits.push({ commit, date, versions: parsed.versions });
    } catch {
      // A manifest that did not parse then was reported then; it anchors nothing.
    }
  }
  if (commits.length === 0) return 'not-committed';
  await verifyTags(root, manifest, commits, file);

  const today = manifest.versions;
  const short = (commit: string) => commit.slice(0, 12);
  const reported = new Set<string>();
  const once = (key: string, reason: string) => {
    if (reported.has(key)) return;
    reported.add(key);
    report(file, 'history-tampered', reason, { line: 1, column: 1 });
  };
  for (const { commit, date, versions } of commits) {
    versions.forEach((then, index) => {
      const now = today[index];
      if (now && canonicalJson(now) === canonicalJson(then)) return;
      const where = `commit ${short(commit)} (${date})`;
      const stillThere = today.find((entry) => entry.version === then.version);
      if (!stillThere) {
        once(`deleted ${then.version}`, `Version ${then.version} was released (manifest of ${where}) but is no longer in the manifest: a released version was deleted`);
      } else if (canonicalJson(stillThere) !== canonicalJson(then)) {
        const changed = (Object.keys({ ...then, ...stillThere }) as (keyof VersionEntry)[]).filter((key) => canonicalJson(then[key] ?? null) !== canonicalJson(stillThere[key] ?? null) && key !== 'hash' && key !== 'previous');
        const detail = changed.length > 0 ? changed.map((key) => `${key} ${JSON.stringify(then[key] ?? null)} then, ${JSON.stringify(stillThere[key] ?? null)} now`).join('; ') : 'its place in the chain changed';
        once(`edited ${then.version}`, `The manifest entry of ${then.version} differs from the one in ${where}: ${detail}; released history was rewritten`);
      } else {
        once(`moved ${then.version}`, `Version ${then.version} has moved in the manifest since ${where}: released history was rewritten`);
      }
    });
  }

  return 'verified';
}
