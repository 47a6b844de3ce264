import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { releasePolicy } from '../src/history/release.ts';
import { entryHash, manifestPath } from '../src/history/manifest.ts';
import { verifyHistory } from '../src/history/verify.ts';
import { sha256 } from '../src/model/canonical.ts';
import type { VersionEntry, VersionManifest } from '../src/model/manifest.generated.ts';
import { checkPaths } from '../src/workspace/check.ts';
import { checkPolicy } from '../src/check.ts';
import { compileRules } from '../src/compile/rules.ts';
import { canonicalJson } from '../src/model/canonical.ts';
import { fileFromBytes } from '../src/parse/read.ts';
import { folderSnapshotStore } from '../src/workspace/snapshot-cache.ts';
import type { SnapshotStore } from '../src/history/snapshot-store.ts';
import { git } from './support/git.ts';

const cli = join(import.meta.dirname, '../src/cli/main.ts');

/** A repository with three releases of the minimal policy, each committed as a release is. */
let origin: string;
beforeAll(async () => {
  origin = mkdtempSync(join(tmpdir(), 'anchor-'));
  git(origin, 'init', '-q', '-b', 'main');
  const folder = join(origin, 'policies/minimal');
  cpSync('test/fixtures/policies/minimal', folder, { recursive: true });
  await releasePolicy(folder, '2026-01-01');
  git(origin, 'add', '-A');
  git(origin, 'commit', '-qm', 'Release 1.0.0');
  const draft = readFileSync(join(folder, 'policy.md'), 'utf8');
  for (const [version, date, words] of [['1.0.1', '2026-02-01', 'for an account'], ['1.0.2', '2026-03-01', 'for an account today']] as const) {
    writeFileSync(join(folder, 'policy.md'), draft.replace('version: 1.0.0', `version: ${version}`).replace('effective: 2026-01-01', `effective: ${date}`).replace('when you sign up.', `when you sign up ${words}.`));
    expect((await releasePolicy(folder, date)).entry?.version).toBe(version);
    git(origin, 'add', '-A');
    git(origin, 'commit', '-qm', `Release ${version}`);
  }
}, 120_000);

/** A clone of the repository, so each test rewrites its own history. */
function clone(): { repo: string; folder: string } {
  const repo = join(mkdtempSync(join(tmpdir(), 'anchor-clone-')), 'work');
  git(tmpdir(), 'clone', '-q', origin, repo);
  return { repo, folder: join(repo, 'policies/minimal') };
}

/** Rewrite the manifest as a forger with write access would: every hash recomputed, so the chain verifies. */
function forge(folder: string, change: (versions: VersionEntry[]) => VersionEntry[]) {
  const manifest = JSON.parse(readFileSync(manifestPath(folder), 'utf8')) as VersionManifest;
  let previous: string | null = null;
  const versions = change(manifest.versions).map((entry) => {
    const { hash: _hash, previous: _previous, ...rest } = entry;
    const partial = { ...rest, previous };
    const full = { ...partial, hash: entryHash(partial) } as VersionEntry;
    previous = full.hash;
    return full;
  });
  writeFileSync(manifestPath(folder), `${JSON.stringify({ ...manifest, versions }, null, 2)}\n`);
}

async function anchored(folder: string, anchor: 'available' | 'required' = 'required') {
  const results = await checkPaths([join(folder, 'policy.md')], undefined, { today: '2026-11-27', anchor });
  return results.flatMap((result) => result.file.messages).filter((message) => message.ruleId === 'history-tampered').map((message) => message.reason);
}

/** {@link anchored} with git on PATH logging each process it starts (its arguments), so a test sees what a run asks git. */
async function anchoredCountingGit(folder: string, store: SnapshotStore | false): Promise<{ reasons: string[]; git: string[] }> {
  const shim = mkdtempSync(join(tmpdir(), 'anchor-git-'));
  const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
  const log = join(shim, 'log');
  writeFileSync(log, '');
  writeFileSync(join(shim, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
  const path = process.env.PATH;
  process.env.PATH = `${shim}:${path}`;
  try {
    const results = await checkPaths([join(folder, 'policy.md')], undefined, { today: '2026-11-27', anchor: 'required', store });
    const reasons = results.flatMap((result) => result.file.messages).filter((message) => message.ruleId === 'history-tampered').map((message) => message.reason);
    return { reasons, git: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
  } finally {
    process.env.PATH = path;
  }
}

describe('released history anchored in git (issue 19)', () => {
  it('verifies an untouched history', async () => {
    const { folder } = clone();
    expect(await anchored(folder)).toEqual([]);
  });

  it('catches a forged snapshot whose hashes were all recomputed, which the hash chain alone accepts', async () => {
    const { repo, folder } = clone();
    const snapshot = join(folder, 'versions/1.0.1.md');
    const forged = readFileSync(snapshot, 'utf8').replace('Our email provider sends messages for us.', 'Our email provider sends messages for us. Confirm your account at https://phish.example/login.');
    writeFileSync(snapshot, forged);
    const rules = compileRules(checkPolicy(fileFromBytes(snapshot, new TextEncoder().encode(forged))).document!);
    forge(folder, (versions) => versions.map((entry) => (entry.version === '1.0.1' ? { ...entry, sha256: sha256(forged), rulesSha256: sha256(canonicalJson(rules)) } : entry)));
    git(repo, 'commit', '-qam', 'Fix a typo');
    // The forgery is consistent: the manifest's own chain cannot tell.
    expect((await verifyHistory(folder, 'minimal')).file.messages).toEqual([]);
    const reasons = await anchored(folder);
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toMatch(/^The manifest entry of 1\.0\.1 differs from the one in commit [0-9a-f]{12} \(\d{4}-\d{2}-\d{2}\): sha256 "[0-9a-f]{64}" then, "[0-9a-f]{64}" now; rulesSha256 "[0-9a-f]{64}" then, "[0-9a-f]{64}" now; released history was rewritten$/);
    // 1.0.2 links to the rewritten entry: its own entry changed too.
    expect(reasons[1]).toMatch(/^The manifest entry of 1\.0\.2 differs from the one in commit [0-9a-f]{12} \(.+\): its place in the chain changed; released history was rewritten$/);
  });

  it('catches a deleted middle release', async () => {
    const { repo, folder } = clone();
    rmSync(join(folder, 'versions/1.0.1.md'));
    rmSync(join(folder, 'versions/1.0.1.event.json'));
    forge(folder, (versions) => versions.filter((entry) => entry.version !== '1.0.1'));
    git(repo, 'commit', '-qam', 'Tidy versions');
    expect((await verifyHistory(folder, 'minimal')).file.messages).toEqual([]);
    expect(await anchored(folder)).toContain('Version 1.0.1 was released (manifest of commit ' + git(origin, 'log', '-1', '--format=%h', '--abbrev=12', 'HEAD~1').trim() + ` (${git(origin, 'log', '-1', '--format=%cs', 'HEAD~1').trim()})) but is no longer in the manifest: a released version was deleted`);
  });

  it('catches a backdated release, and a deleted latest one, even uncommitted', async () => {
    const { folder } = clone();
    forge(folder, (versions) => versions.map((entry) => (entry.version === '1.0.2' ? { ...entry, released: '2026-02-15' } : entry)));
    expect((await verifyHistory(folder, 'minimal')).file.messages).toEqual([]);
    expect((await anchored(folder))[0]).toMatch(/^The manifest entry of 1\.0\.2 differs from the one in commit [0-9a-f]{12} \(.+\): released "2026-03-01" then, "2026-02-15" now; released history was rewritten$/);
    forge(folder, (versions) => versions.filter((entry) => entry.version !== '1.0.2'));
    rmSync(join(folder, 'versions/1.0.2.md'));
    rmSync(join(folder, 'versions/1.0.2.event.json'));
    expect(await anchored(folder)).toEqual([expect.stringMatching(/^Version 1\.0\.2 was released \(manifest of commit [0-9a-f]{12} .+\) but is no longer in the manifest: a released version was deleted$/)]);
  });

  it('says when it cannot verify: a shallow clone is an error with --anchored, and skipped without', async () => {
    const repo = join(mkdtempSync(join(tmpdir(), 'anchor-shallow-')), 'work');
    git(tmpdir(), 'clone', '-q', '--depth=1', `file://${origin}`, repo);
    const folder = join(repo, 'policies/minimal');
    expect(await anchored(folder, 'available')).toEqual([]);
    expect(await anchored(folder, 'required')).toEqual(['The released history cannot be checked against git: this is a shallow clone; fetch the whole history (actions/checkout: fetch-depth: 0)']);
  });

  it('keeps the comparison with the commits in the derived cache: the same findings, never answered for another manifest, rebuilt when corrupted', async () => {
    const { repo, folder } = clone();
    const cache = mkdtempSync(join(tmpdir(), 'anchor-cache-'));
    const store = folderSnapshotStore(cache, Promise.resolve('engine-a'));
    const reasons = async () => (await checkPaths([join(folder, 'policy.md')], undefined, { today: '2026-11-27', anchor: 'required', store })).flatMap((result) => result.file.messages).filter((message) => message.ruleId === 'history-tampered').map((message) => message.reason);
    const entries = () => readdirSync(cache).filter((name) => name.startsWith('anchor-'));
    expect(await reasons()).toEqual([]);
    // One entry for the policy, replaced as HEAD moves: a commit that leaves the manifest alone adds none.
    expect(entries()).toHaveLength(1);
    expect(await reasons()).toEqual([]);
    writeFileSync(join(repo, 'notes.txt'), 'not the policy\n');
    git(repo, 'add', 'notes.txt');
    git(repo, 'commit', '-qm', 'Notes');
    expect(await reasons()).toEqual([]);
    expect(entries()).toHaveLength(1);
    forge(folder, (versions) => versions.map((entry) => (entry.version === '1.0.1' ? { ...entry, released: '2026-01-15' } : entry)));
    const forged = await reasons();
    expect(forged.some((reason) => reason.startsWith('The manifest entry of 1.0.1 differs from the one in commit'))).toBe(true);
    for (const name of entries()) writeFileSync(join(cache, name), '{');
    expect(await reasons()).toEqual(forged);
    expect(await anchored(folder)).toEqual(forged);
  });

  it('does not keep what it learnt while git could not read the history: a failure is not a clean comparison', async () => {
    const { repo, folder } = clone();
    const cache = mkdtempSync(join(tmpdir(), 'anchor-cache-'));
    const store = folderSnapshotStore(cache, Promise.resolve('engine-a'));
    const reasons = async () => (await checkPaths([join(folder, 'policy.md')], undefined, { today: '2026-11-27', anchor: 'required', store })).flatMap((result) => result.file.messages).filter((message) => message.ruleId === 'history-tampered').map((message) => message.reason);
    forge(folder, (versions) => versions.map((entry) => (entry.version === '1.0.1' ? { ...entry, released: '2026-01-15' } : entry)));
    // The commit of the first release unreadable for a moment (a broken object store, a partial clone offline): git log fails.
    const first = git(repo, 'rev-list', '--max-parents=0', 'HEAD').trim();
    const object = join(repo, '.git', 'objects', first.slice(0, 2), first.slice(2));
    renameSync(object, `${object}.away`);
    const whileBroken = await reasons();
    expect(whileBroken).toEqual([expect.stringContaining('git could not read the history')]);
    renameSync(`${object}.away`, object);
    // Readable again: the comparison is made, not answered from the failed run.
    expect((await reasons()).some((reason) => reason.startsWith('The manifest entry of 1.0.1 differs from the one in commit'))).toBe(true);
  });

  it('`policy check --anchored` fails on a rewritten history, with the commit in the message', () => {
    const { repo, folder } = clone();
    forge(folder, (versions) => versions.map((entry) => (entry.version === '1.0.0' ? { ...entry, effective: '2025-12-01' } : entry)));
    const result = spawnSync(process.execPath, [cli, 'check', '--anchored', '--date', '2026-11-27', 'policies'], { cwd: repo, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/history-tampered The manifest entry of 1\.0\.0 differs from the one in commit [0-9a-f]{12} \(.+\): effective "2026-01-01" then, "2025-12-01" now/);
  });
});

describe('releases signed with git tags (issue 19)', () => {
  /** A clone whose git signs with a fresh SSH key and verifies against the allowed signers given. */
  function signingClone(allowed: 'own' | 'other') {
    const { repo, folder } = clone();
    const keys = mkdtempSync(join(tmpdir(), 'anchor-keys-'));
    const keygen = (name: string) => {
      const result = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', join(keys, name)], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(result.stderr);
      return readFileSync(join(keys, `${name}.pub`), 'utf8').trim();
    };
    const own = keygen('editor');
    const other = keygen('stranger');
    writeFileSync(join(keys, 'allowed_signers'), `editor@example.com ${allowed === 'own' ? own : other}\n`);
    git(repo, 'config', 'gpg.format', 'ssh');
    git(repo, 'config', 'user.signingkey', join(keys, 'editor.pub'));
    git(repo, 'config', 'gpg.ssh.allowedSignersFile', join(keys, 'allowed_signers'));
    return { repo, folder, keys, own, other };
  }
  const tag = (repo: string, ...args: string[]) => spawnSync(process.execPath, [cli, 'tag', 'minimal', ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_COMMITTER_NAME: 'Editor', GIT_COMMITTER_EMAIL: 'editor@example.com' } });

  it('with keys configured, requires a signed tag on every release, and accepts the ones `policy tag` makes', async () => {
    const { repo, folder } = signingClone('own');
    expect(await anchored(folder)).toEqual([
      'Version 1.0.0 has no signed tag policy/minimal/1.0.0: signing keys are configured, so every release needs one (`policy tag minimal 1.0.0`)',
      'Version 1.0.1 has no signed tag policy/minimal/1.0.1: signing keys are configured, so every release needs one (`policy tag minimal 1.0.1`)',
      'Version 1.0.2 has no signed tag policy/minimal/1.0.2: signing keys are configured, so every release needs one (`policy tag minimal 1.0.2`)',
    ]);
    for (const version of ['1.0.0', '1.0.1', '1.0.2']) {
      const result = tag(repo, version);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^tagged policy/minimal/${version.replace(/\./g, '\\.')} on [0-9a-f]{12} \\(signed\\)`));
    }
    expect(await anchored(folder)).toEqual([]);
    // The tags sit on the commits that released each version.
    expect(git(repo, 'rev-parse', 'policy/minimal/1.0.0^{commit}').trim()).toBe(git(repo, 'rev-parse', 'HEAD~2').trim());
  });

  it('reports a tag signed by a key that is not allowed, and a tag moved to another commit', async () => {
    const { repo, folder } = signingClone('other');
    for (const version of ['1.0.0', '1.0.1', '1.0.2']) expect(tag(repo, version).status).toBe(0);
    const reasons = await anchored(folder);
    expect(reasons).toContain('The tag policy/minimal/1.0.1 is not signed by a configured key: its signature does not verify');
    git(repo, 'tag', '-f', 'policy/minimal/1.0.0', 'HEAD');
    expect((await anchored(folder))[0]).toMatch(/^The tag policy\/minimal\/1\.0\.0 points at commit [0-9a-f]{12}, not at [0-9a-f]{12}, the commit that released 1\.0\.0$/);
  });

  it('verifies a signature once per tag object and trust: a warm run starts no `git tag -v`; a retagged release, a changed allowed-signers file and `--no-cache` verify again', async () => {
    const { repo, folder, keys, own, other } = signingClone('own');
    for (const version of ['1.0.0', '1.0.1', '1.0.2']) expect(tag(repo, version).status).toBe(0);
    const cache = mkdtempSync(join(tmpdir(), 'anchor-cache-'));
    const store = folderSnapshotStore(cache, Promise.resolve('engine-a'));
    const run = (useStore = true) => anchoredCountingGit(folder, useStore ? store : false);
    const verifications = (lines: string[]) => lines.filter((line) => line.startsWith('tag -v'));
    const first = await run();
    expect(first.reasons).toEqual([]);
    expect(verifications(first.git)).toEqual(['tag -v policy/minimal/1.0.0 policy/minimal/1.0.1 policy/minimal/1.0.2']);
    // Warm: nothing changed, so git is asked where the repository is, its signing settings and the tags: three processes.
    const warm = await run();
    expect(warm.reasons).toEqual([]);
    expect(warm.git.map((line) => line.split(' ')[0]).sort()).toEqual(['config', 'for-each-ref', 'rev-parse']);
    // Retagged with a key that is not allowed: a new tag object on the same commit, verified again (and only it).
    const retag = (key: string) => git(repo, '-c', `user.signingkey=${join(keys, key)}`, 'tag', '-f', '-s', '-m', 'minimal 1.0.1', 'policy/minimal/1.0.1', 'policy/minimal/1.0.1^{commit}');
    retag('stranger.pub');
    const retagged = await run();
    expect(retagged.reasons).toEqual(['The tag policy/minimal/1.0.1 is not signed by a configured key: its signature does not verify']);
    expect(verifications(retagged.git)).toEqual(['tag -v policy/minimal/1.0.1', 'tag -v policy/minimal/1.0.1']);
    // A failure is never kept: the next run verifies it again.
    expect(verifications((await run()).git)).toEqual(['tag -v policy/minimal/1.0.1', 'tag -v policy/minimal/1.0.1']);
    retag('editor.pub');
    const signedAgain = await run();
    expect(signedAgain.reasons).toEqual([]);
    expect(verifications(signedAgain.git)).toEqual(['tag -v policy/minimal/1.0.1']);
    // The allowed signers changed: what verified against the old file is verified against the new one.
    writeFileSync(join(keys, 'allowed_signers'), `editor@example.com ${other}\n`);
    expect((await run()).reasons).toEqual(['1.0.0', '1.0.1', '1.0.2'].map((version) => `The tag policy/minimal/${version} is not signed by a configured key: its signature does not verify`));
    // Another key added: all verified again, then kept.
    writeFileSync(join(keys, 'allowed_signers'), `editor@example.com ${own}\nother@example.com ${other}\n`);
    expect(verifications((await run()).git)).toEqual(['tag -v policy/minimal/1.0.0 policy/minimal/1.0.1 policy/minimal/1.0.2']);
    expect(verifications((await run()).git)).toEqual([]);
    // Without the cache (`--no-cache`), nothing kept is trusted.
    const uncached = await run(false);
    expect(uncached.reasons).toEqual([]);
    expect(verifications(uncached.git)).toEqual(['tag -v policy/minimal/1.0.0 policy/minimal/1.0.1 policy/minimal/1.0.2']);
  });

  it('refuses a manifest that is JSON but not a manifest, with no stack trace', () => {
    const { repo, folder } = clone();
    writeFileSync(manifestPath(folder), '{"policy": "minimal"}\n');
    const result = tag(repo);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('is not a version manifest (no "versions" list); run `policy check policies/minimal`');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('without keys, tags are optional: an untagged history verifies, and a warm run asks git twice', async () => {
    const { folder } = clone();
    expect(await anchored(folder)).toEqual([]);
    const store = folderSnapshotStore(mkdtempSync(join(tmpdir(), 'anchor-cache-')), Promise.resolve('engine-a'));
    expect((await anchoredCountingGit(folder, store)).reasons).toEqual([]);
    // rev-parse lists the release tags too: with none, there is no for-each-ref to run.
    const warm = await anchoredCountingGit(folder, store);
    expect(warm.reasons).toEqual([]);
    expect(warm.git.map((line) => line.split(' ')[0]).sort()).toEqual(['config', 'rev-parse']);
  });
});
