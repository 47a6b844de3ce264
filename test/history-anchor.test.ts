import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

const cli = join(import.meta.dirname, '../src/cli/main.ts');

function git(cwd: string, ...args: string[]) {
  const result = spawnSync('git', ['-c', 'user.email=editor@example.com', '-c', 'user.name=Editor', ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

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

  it('`policy check --anchored` fails on a rewritten history, with the commit in the message', () => {
    const { repo, folder } = clone();
    forge(folder, (versions) => versions.map((entry) => (entry.version === '1.0.0' ? { ...entry, effective: '2025-12-01' } : entry)));
    const result = spawnSync(process.execPath, [cli, 'check', '--anchored', '--date', '2026-11-27', 'policies'], { cwd: repo, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/history-tampered The manifest entry of 1\.0\.0 differs from the one in commit [0-9a-f]{12} \(.+\): effective "2026-01-01" then, "2025-12-01" now/);
  });
});
