// git's answers kept between runs (src/workspace/git-answers.ts), against real repositories:
// every answer a session gives from what it kept must be the one git gives now, and git is
// asked again whenever anything it reads for the answer changed.
import { spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorSession } from '../src/history/anchor.ts';
import { manifestPath } from '../src/history/manifest.ts';
import { releasePolicy } from '../src/history/release.ts';
import { sha256 } from '../src/model/canonical.ts';
import { checkPaths } from '../src/workspace/check.ts';
import { workspaceCheckCache } from '../src/workspace/check-cache.ts';
import { settledMs } from '../src/workspace/git-answers.ts';
import { engineVersion, folderSnapshotStore, type DerivedStore } from '../src/workspace/snapshot-cache.ts';
import { git } from './support/git.ts';

/** git on PATH logging each process it starts, so a test sees what a run asks git. */
let log: string;
const saved = { PATH: process.env.PATH, HOME: process.env.HOME, XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME };
let home: string;
beforeAll(() => {
  const shim = mkdtempSync(join(tmpdir(), 'git-answers-shim-'));
  const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
  log = join(shim, 'log');
  writeFileSync(log, '');
  writeFileSync(join(shim, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
  process.env.PATH = `${shim}:${saved.PATH}`;
  // A home of the tests' own, so the global configuration is theirs to change.
  home = mkdtempSync(join(tmpdir(), 'git-answers-home-'));
  process.env.HOME = home;
  process.env.XDG_CONFIG_HOME = join(home, 'xdg');
});
afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** A store in memory, as the derived cache keeps values (copies, not the same objects). */
function memoryStore(): DerivedStore<unknown> & { size(): number } {
  const entries = new Map<string, string>();
  return {
    get: async (key) => (entries.has(key) ? JSON.parse(entries.get(key)!) : undefined),
    set: async (key, value) => void entries.set(key, JSON.stringify(value)),
    size: () => entries.size,
  };
}

/** A clock some seconds on, as for a run made a while after the files last changed. */
const later = () => Date.now() + 60_000;

/** What a session answers for a policy folder (where, signing keys, release tags), and the git processes it started. */
async function ask(folder: string, store?: DerivedStore<unknown>, clock: () => number = later) {
  const before = readFileSync(log, 'utf8').split('\n').filter(Boolean).length;
  const session = anchorSession(store, clock);
  const where = await session.where(folder);
  const root = where?.[0]?.trim();
  const keys = root ? await session.keys(root) : undefined;
  const tags = root ? Object.fromEntries(await session.tags(root)) : undefined;
  return { answer: { where, keys, tags }, git: readFileSync(log, 'utf8').split('\n').filter(Boolean).slice(before).map((line) => line.split(' ').slice(0, 2).join(' ')) };
}

/** What git says now, with nothing kept. */
async function truth(folder: string) {
  return (await ask(folder)).answer;
}

/** A repository with a policy folder, two commits and release tags (one lightweight, one annotated). */
function repository(): { repo: string; folder: string } {
  const repo = join(mkdtempSync(join(tmpdir(), 'git-answers-')), 'work');
  const folder = join(repo, 'policies', 'p');
  mkdirSync(folder, { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  writeFileSync(join(folder, 'policy.md'), 'one\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'One');
  git(repo, 'tag', 'policy/p/1.0.0');
  writeFileSync(join(folder, 'policy.md'), 'two\n');
  git(repo, 'commit', '-qam', 'Two');
  git(repo, 'tag', '-a', '-m', 'p 1.0.1', 'policy/p/1.0.1');
  return { repo, folder };
}


/**
 * With `include` written into the repository's configuration (by `write`), nothing is kept, and
 * a change made only in the included file (no file of the repository changes) is what git says
 * on the next run: signing turned on there makes tags required.
 */
async function expectIncludeAskedEveryTime(name: string, write: (repo: string, included: string) => void): Promise<void> {
  const { repo, folder } = repository();
  const store = memoryStore();
  const included = join(repo, '..', name);
  writeFileSync(included, '[policy]\n\tverifyTags = false\n');
  write(repo, included);
  expect((await ask(folder, store)).answer.keys?.required).toBe(false);
  expect(store.size()).toBe(0);
  writeFileSync(included, '[policy]\n\tverifyTags = true\n');
  const run = await ask(folder, store);
  expect(run.git).toContain('config -z');
  expect(run.answer.keys?.required).toBe(true);
}

describe('git answers kept between runs', () => {
  it('answers a run on an unchanged repository without git, with what git would say', async () => {
    const { folder } = repository();
    const store = memoryStore();
    const cold = await ask(folder, store);
    expect(cold.git).toEqual(expect.arrayContaining(['rev-parse --show-toplevel', 'config -z', 'for-each-ref --format=%(refname)%00%(objectname)%00%(*objectname)%00%(*objecttype)%00%(contents:signature)%00']));
    expect(store.size()).toBe(1);
    const warm = await ask(folder, store);
    expect(warm.git).toEqual([]);
    expect(warm.answer).toEqual(cold.answer);
    expect(warm.answer).toEqual(await truth(folder));
    expect(Object.keys(warm.answer.tags!).sort()).toEqual(['policy/p/1.0.0', 'policy/p/1.0.1']);
  });

  it('keeps nothing while a file git read changed too recently to be told apart from a later change', async () => {
    const { folder } = repository();
    const store = memoryStore();
    await ask(folder, store, Date.now);
    expect(store.size()).toBe(0);
    expect((await ask(folder, store, Date.now)).git).not.toEqual([]);
  });

  it('asks again after a commit, a moved tag, a new tag, a deleted tag and packed refs, and answers as git does', async () => {
    const { repo, folder } = repository();
    const store = memoryStore();
    await ask(folder, store);
    const changes: [string, () => void][] = [
      ['a commit', () => git(repo, 'commit', '-q', '--allow-empty', '-m', 'Three')],
      ['a moved tag', () => git(repo, 'tag', '-f', 'policy/p/1.0.0', 'HEAD')],
      ['a new tag', () => git(repo, 'tag', 'policy/p/1.0.2')],
      ['packed refs', () => git(repo, 'pack-refs', '--all')],
      ['a packed tag moved', () => git(repo, 'tag', '-f', 'policy/p/1.0.2', 'HEAD~1')],
      ['a deleted tag', () => git(repo, 'tag', '-d', 'policy/p/1.0.1')],
      ['a detached HEAD', () => git(repo, 'checkout', '-q', '--detach', 'HEAD~1')],
    ];
    for (const [change, make] of changes) {
      const before = await truth(folder);
      make();
      const after = await truth(folder);
      // Packing the refs moves them to another file without changing one: git is asked, and says the same.
      if (change === 'packed refs') expect(after).toEqual(before);
      else expect(after, change).not.toEqual(before);
      const run = await ask(folder, store);
      expect(run.git, change).not.toEqual([]);
      expect(run.answer, change).toEqual(after);
      const warm = await ask(folder, store);
      expect(warm.git, change).toEqual([]);
      expect(warm.answer, change).toEqual(after);
    }
  });

  it('asks again when the signing settings change in the repository or the global configuration', async () => {
    const { repo, folder } = repository();
    const store = memoryStore();
    expect((await ask(folder, store)).answer.keys?.required).toBe(false);
    git(repo, 'config', 'policy.verifyTags', 'true');
    const local = await ask(folder, store);
    expect(local.git).toContain('config -z');
    expect(local.answer.keys?.required).toBe(true);
    git(repo, 'config', '--unset', 'policy.verifyTags');
    expect((await ask(folder, store)).answer.keys?.required).toBe(false);
    for (const file of [join(home, '.gitconfig'), join(home, 'xdg', 'git', 'config')]) {
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, '[policy]\n\tverifyTags = true\n');
      const global = await ask(folder, store);
      expect(global.git, file).toContain('config -z');
      expect(global.answer.keys?.required, file).toBe(true);
      rmSync(file);
      expect((await ask(folder, store)).answer.keys?.required, file).toBe(false);
    }
  });

  it('never answers from what it kept when a GIT_ variable can change the answer, and keeps nothing then', async () => {
    const { folder } = repository();
    const store = memoryStore();
    await ask(folder, store);
    Object.assign(process.env, { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'policy.verifyTags', GIT_CONFIG_VALUE_0: 'true' });
    try {
      const run = await ask(folder, store);
      expect(run.git).toContain('config -z');
      expect(run.answer.keys?.required).toBe(true);
      expect((await ask(folder, store)).git).toContain('config -z');
    } finally {
      for (const name of ['GIT_CONFIG_COUNT', 'GIT_CONFIG_KEY_0', 'GIT_CONFIG_VALUE_0']) delete process.env[name];
    }
    expect((await ask(folder, store)).answer.keys?.required).toBe(false);
  });

  it('keeps nothing when a file git reads is on a file system whose stat data may lag (not a local one): here the global configuration, under a home in /proc', async () => {
    const { folder } = repository();
    const store = memoryStore();
    process.env.HOME = '/proc/self';
    try {
      await ask(folder, store);
      expect(store.size()).toBe(0);
      expect((await ask(folder, store)).git).toContain('rev-parse --show-toplevel');
    } finally {
      process.env.HOME = home;
    }
  });

  it('keeps nothing for a configuration that includes another file', async () => {
    await expectIncludeAskedEveryTime('signing.gitconfig', (repo, included) => git(repo, 'config', 'include.path', included));
  });

  it('keeps nothing when HEAD names a branch that is itself a symbolic ref, whose target git reads too', async () => {
    const { repo, folder } = repository();
    git(repo, 'symbolic-ref', 'refs/heads/alias', 'refs/heads/main');
    git(repo, 'symbolic-ref', 'HEAD', 'refs/heads/alias');
    const store = memoryStore();
    await ask(folder, store);
    expect(store.size()).toBe(0);
    git(repo, 'update-ref', 'refs/heads/main', 'HEAD~1');
    const run = await ask(folder, store);
    expect(run.git).toContain('rev-parse --show-toplevel');
    expect(run.answer.where?.[2]).toBe(git(repo, 'rev-parse', 'HEAD~0').trim());
  });

  it('asks again when a repository appears between the policy folder and the work tree, or a folder on the way looks like a bare one', async () => {
    const { repo, folder } = repository();
    const store = memoryStore();
    await ask(folder, store);
    git(join(repo, 'policies'), 'init', '-q');
    const inner = await ask(folder, store);
    expect(inner.git).toContain('rev-parse --show-toplevel');
    expect(inner.answer.where?.[0]).toBe(join(repo, 'policies'));
    rmSync(join(repo, 'policies', '.git'), { recursive: true });
    expect((await ask(folder, store)).answer).toEqual(await truth(folder));
    writeFileSync(join(repo, 'policies', 'HEAD'), 'ref: refs/heads/main\n');
    expect((await ask(folder, store)).git).toContain('rev-parse --show-toplevel');
    expect((await ask(folder, store)).git).toContain('rev-parse --show-toplevel');
  });

  it('answers for another repository moved to the same place as git does', async () => {
    const first = repository();
    const second = repository();
    git(second.repo, 'commit', '-q', '--allow-empty', '-m', 'Other');
    const store = memoryStore();
    await ask(first.folder, store);
    renameSync(first.repo, `${first.repo}-old`);
    renameSync(second.repo, first.repo);
    const run = await ask(first.folder, store);
    expect(run.git).toContain('rev-parse --show-toplevel');
    expect(run.answer).toEqual(await truth(first.folder));
    expect(run.answer.where?.[2]).toBe(git(first.repo, 'rev-parse', 'HEAD').trim());
  });

  it('follows a linked work tree to its repository: a commit on its branch is seen, one on another branch is not git-relevant', async () => {
    const { repo } = repository();
    const linked = join(repo, '..', 'linked');
    git(repo, 'worktree', 'add', '-q', '-b', 'side', linked);
    const folder = join(linked, 'policies', 'p');
    const store = memoryStore();
    await ask(folder, store);
    expect((await ask(folder, store)).git).toEqual([]);
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'On main');
    const unrelated = await ask(folder, store);
    expect(unrelated.git).toEqual([]);
    expect(unrelated.answer).toEqual(await truth(folder));
    git(linked, 'commit', '-q', '--allow-empty', '-m', 'On side');
    const run = await ask(folder, store);
    expect(run.git).toContain('rev-parse --show-toplevel');
    expect(run.answer).toEqual(await truth(folder));
    appendFileSync(join(repo, '.git', 'config'), '[policy]\n\tverifyTags = true\n');
    expect((await ask(folder, store)).answer.keys?.required).toBe(true);
  });
});

describe('policy check with kept git answers', () => {
  it('a warm check of a released, tagged policy starts no git process, and reports what a check asking git reports', async () => {
    const { repo, folder } = await releasedRepository('git-answers-check-');
    git(repo, 'tag', 'policy/minimal/1.0.0');
    // A while after the commit, as a later run is: files changed just now are not trusted to show a change (settledMs).
    await new Promise((done) => setTimeout(done, settledMs + 200));
    const cacheFolder = join(repo, '.policy', 'cache');
    const run = async () => {
      const before = readFileSync(log, 'utf8').split('\n').filter(Boolean).length;
      const results = await checkPaths([join(folder, 'policy.md')], undefined, { today: '2026-11-27', anchor: 'required', store: folderSnapshotStore(cacheFolder), cache: workspaceCheckCache(repo) });
      const messages = results.flatMap((result) => result.file.messages.map((message) => `${result.file.path}: ${message.ruleId} ${message.reason}`));
      return { messages, git: readFileSync(log, 'utf8').split('\n').filter(Boolean).slice(before) };
    };
    const cold = await run();
    expect(cold.git.length).toBeGreaterThan(0);
    const warm = await run();
    expect(warm.git).toEqual([]);
    expect(warm.messages).toEqual(cold.messages);
    // A moved tag is a finding at once, though nothing in the policy folder changed.
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'Later');
    git(repo, 'tag', '-f', 'policy/minimal/1.0.0', 'HEAD');
    const moved = await run();
    expect(moved.git.length).toBeGreaterThan(0);
    expect(moved.messages.filter((message) => message.includes('history-tampered'))).toEqual([expect.stringContaining('The tag policy/minimal/1.0.0 points at commit')]);
    expect((await run()).messages).toEqual(moved.messages);
  });
});

describe('holes found in review: every kept answer is the one git gives now', () => {
  it('keeps nothing for a configuration whose include follows another section header on the same line', async () => {
    // git reads `[core] [include] path = …` as two sections, the second including the file.
    await expectIncludeAskedEveryTime('same-line.gitconfig', (repo, included) => appendFileSync(join(repo, '.git', 'config'), `[core] [include] path = ${included}\n`));
  });

  it('asks git when XDG_CONFIG_HOME is relative, which git reads from the work tree top', async () => {
    const { repo, folder } = repository();
    const store = memoryStore();
    process.env.XDG_CONFIG_HOME = 'relative-xdg';
    try {
      expect((await ask(folder, store)).answer.keys?.required).toBe(false);
      mkdirSync(join(repo, 'relative-xdg', 'git'), { recursive: true });
      writeFileSync(join(repo, 'relative-xdg', 'git', 'config'), '[policy]\n\tverifyTags = true\n');
      const run = await ask(folder, store);
      expect(run.answer.keys?.required).toBe(true);
      expect(run.answer).toEqual(await truth(folder));
    } finally {
      process.env.XDG_CONFIG_HOME = join(home, 'xdg');
    }
  });

  it('keeps nothing when a file git read is deleted before the answer is kept: a deleted packed tag is not answered as present', async () => {
    const { repo } = repository();
    const linked = join(repo, '..', 'linked');
    git(repo, 'worktree', 'add', '-q', '-b', 'side', linked);
    // The tags only in packed-refs, in the main repository's folder, which a linked work tree's answers watch by identity.
    git(repo, 'pack-refs');
    const folder = join(linked, 'policies', 'p');
    // git on PATH that deletes packed-refs right after listing the tags, once: a `git tag -d` racing the run.
    const shim = mkdtempSync(join(tmpdir(), 'git-answers-race-'));
    const trigger = join(shim, 'trigger');
    const packed = join(repo, '.git', 'packed-refs');
    writeFileSync(join(shim, 'git'), `#!/bin/sh\ngit_path=$(printf '%s' "$PATH" | cut -d: -f2-)\nPATH="$git_path" git "$@"\nstatus=$?\nif [ "$1" = for-each-ref ] && [ -f '${trigger}' ]; then rm -f '${trigger}' '${packed}'; fi\nexit $status\n`, { mode: 0o755 });
    const path = process.env.PATH;
    process.env.PATH = `${shim}:${path}`;
    try {
      const store = memoryStore();
      writeFileSync(trigger, '');
      const raced = await ask(folder, store);
      expect(Object.keys(raced.answer.tags!).sort()).toEqual(['policy/p/1.0.0', 'policy/p/1.0.1']);
      const now = await truth(folder);
      expect(now.tags).toEqual({});
      expect((await ask(folder, store)).answer).toEqual(now);
    } finally {
      process.env.PATH = path;
    }
  });
});

describe('suspected holes that are not: the status-change time moves with every change', () => {
  it('asks again when a tag file is rewritten in place with the same size and its modification time set back (touch -d)', async () => {
    const { repo, folder } = repository();
    const store = memoryStore();
    await ask(folder, store);
    const file = join(repo, '.git', 'refs', 'tags', 'policy', 'p', '1.0.0');
    const { atime, mtime, size } = statSync(file);
    const head = git(repo, 'rev-parse', 'HEAD');
    writeFileSync(file, head);
    utimesSync(file, atime, mtime);
    expect(statSync(file).size).toBe(size);
    const now = await truth(folder);
    expect(now.tags!['policy/p/1.0.0']!.commit).toBe(head.trim());
    const run = await ask(folder, store);
    expect(run.git).toContain('rev-parse --show-toplevel');
    expect(run.answer).toEqual(now);
  });
});

describe('the system configuration, whose place git is asked only after answering', () => {
  it('keeps nothing when the system file is deleted after git read it, on the first run that learns where it is', async () => {
    const { folder } = repository();
    // git built with its system file in a folder of the test's own (as a prefix other than /usr would be).
    const shim = mkdtempSync(join(tmpdir(), 'git-answers-system-'));
    const system = join(shim, 'etc', 'gitconfig');
    mkdirSync(join(shim, 'etc'));
    writeFileSync(system, '[policy]\n\tverifyTags = true\n');
    const trigger = join(shim, 'trigger');
    writeFileSync(join(shim, 'git'), `#!/bin/sh\ngit_path=$(printf '%s' "$PATH" | cut -d: -f2-)\nGIT_CONFIG_SYSTEM='${system}' PATH="$git_path" git "$@"\nstatus=$?\nif [ "$1" = config ] && [ "$2" = -z ] && [ -f '${trigger}' ]; then rm -f '${trigger}' '${system}'; fi\nexit $status\n`, { mode: 0o755 });
    const path = process.env.PATH;
    process.env.PATH = `${shim}:${path}`;
    try {
      // Every file settled, on the real clock: only the deletion is recent.
      await new Promise((done) => setTimeout(done, settledMs + 200));
      const store = memoryStore();
      writeFileSync(trigger, '');
      expect((await ask(folder, store, Date.now)).answer.keys?.required).toBe(true);
      const now = await truth(folder);
      expect(now.keys?.required).toBe(false);
      expect((await ask(folder, store, Date.now)).answer).toEqual(now);
    } finally {
      process.env.PATH = path;
    }
  });
});

describe('git answers kept as root', () => {
  // As root git trusts a repository owned by the user sudo came from (SUDO_UID), and no other.
  it.runIf(process.getuid?.() === 0)('asks again when SUDO_UID changes, by which git decides whether a repository of another user is safe', async () => {
    const { repo, folder } = repository();
    spawnSync('chown', ['-R', '4242:4242', repo]);
    const store = memoryStore();
    process.env.SUDO_UID = '4242';
    try {
      expect((await ask(folder, store)).answer.where?.[0]).toBe(repo);
    } finally {
      delete process.env.SUDO_UID;
    }
    const now = await truth(folder);
    expect(now.where).toBeUndefined();
    expect((await ask(folder, store)).answer).toEqual(now);
  });
});

/** A released policy whose release was then deleted and committed, and a comparison with git's history that hides it, as anyone could write it. */
async function deletedRelease() {
  const { repo, folder } = await releasedRepository('git-answers-forged-');
  // The release deleted from the manifest and its files, committed: git's history shows it.
  const manifestFile = manifestPath(folder);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  for (const entry of manifest.versions) for (const name of readdirSync(join(folder, 'versions'))) if (name.startsWith(`${entry.version}.`)) rmSync(join(folder, 'versions', name));
  manifest.versions = [];
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'Drop 1.0.0');
  const cacheFolder = join(repo, '.policy', 'cache');
  const check = async () => {
    const results = await checkPaths([join(folder, 'policy.md')], undefined, { today: '2026-11-27', anchor: 'required', store: folderSnapshotStore(cacheFolder) });
    return results.flatMap((result) => result.file.messages.map((message) => `${message.ruleId} ${message.reason}`));
  };
  const log = git(repo, 'log', '--reverse', '--format=%H %cs', '--', relative(repo, manifestFile));
  // A comparison with no finding, under the name a run looks for: the tool's own code and public facts suffice.
  const forged = { text: sha256(readFileSync(manifestFile, 'utf8')), head: git(repo, 'rev-parse', 'HEAD').trim(), log: sha256(log), anchored: { committed: true, findings: [], releasing: {} } };
  return { repo, cacheFolder, check, forged, name: sha256(JSON.stringify(['comparison', repo, relative(repo, manifestFile)])), deleted: expect.stringContaining('Version 1.0.0 was released') };
}

describe('cache entries that did not come from this user\'s runs', () => {
  it('a comparison entry made elsewhere (a committed .policy/cache/, which a checkout writes over ignored files) cannot hide a deleted release', async () => {
    const { cacheFolder, check, forged, name, deleted } = await deletedRelease();
    expect(await check()).toContainEqual(deleted);
    rmSync(cacheFolder, { recursive: true });
    // Another machine: the entry sealed there, with that machine's key.
    const attacker = mkdtempSync(join(tmpdir(), 'git-answers-attacker-'));
    const saved = { HOME: process.env.HOME, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME };
    Object.assign(process.env, { HOME: attacker, XDG_CACHE_HOME: join(attacker, 'cache') });
    try {
      await folderSnapshotStore(cacheFolder).derived!('anchor').set(name, forged);
    } finally {
      Object.assign(process.env, saved);
    }
    expect(await check()).toContainEqual(deleted);
  });

  it('a sealing key a checkout wrote (XDG_CACHE_HOME inside the work tree, the key committed beside a forged entry) is not trusted', async () => {
    const { repo, cacheFolder, check, forged, name, deleted } = await deletedRelease();
    const key = randomBytes(32);
    const keyFile = join(repo, '.cache', 'policy-as-code', 'cache-key');
    mkdirSync(join(keyFile, '..'), { recursive: true });
    // As git checks a file out: readable by all.
    writeFileSync(keyFile, key, { mode: 0o644 });
    const engine = await engineVersion();
    const body = JSON.stringify(forged);
    const checksum = createHmac('sha256', key).update(`${engine}\0${name}\0${body}`).digest('hex');
    mkdirSync(cacheFolder, { recursive: true });
    writeFileSync(join(cacheFolder, `anchor-${name}.json`), `${JSON.stringify({ engine, key: name, checksum })}\n${body}`);
    const saved = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = join(repo, '.cache');
    try {
      expect(await check()).toContainEqual(deleted);
      // The planted key was replaced by one of the user's own.
      expect(statSync(keyFile).mode & 0o077).toBe(0);
      expect(readFileSync(keyFile)).not.toEqual(key);
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
    }
  });
});

/** A new repository whose first commit releases the minimal policy (1.0.0). */
async function releasedRepository(prefix: string): Promise<{ repo: string; folder: string }> {
  const repo = join(mkdtempSync(join(tmpdir(), prefix)), 'work');
  const folder = join(repo, 'policies', 'minimal');
  git(tmpdir(), 'init', '-q', '-b', 'main', repo);
  cpSync('test/fixtures/policies/minimal', folder, { recursive: true });
  await releasePolicy(folder, '2026-01-01');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'Release 1.0.0');
  return { repo, folder };
}
