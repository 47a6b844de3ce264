import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, realpathSync, statfsSync, statSync, type BigIntStats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { sha256 } from '../model/canonical.ts';
import type { DerivedStore } from './snapshot-cache.ts';

/**
 * git's answers about a repository, kept between runs while the files git read to give them
 * are unchanged, the way git's own index trusts a file's stat data instead of reading it.
 * `policy check` asks git on every run where the repository is, which commit HEAD is, the
 * names and objects of the release tags and the signing settings: three processes that cost
 * a warm run more than everything else. The answers to those questions depend only on
 * files git reads without spawning anything, all found here the way git finds them:
 *
 * - the folders from the policy folder up to the work tree's top (a `.git` or a bare
 *   repository's `HEAD` appearing on the way would change where git stops);
 * - the `.git` folder or file, a linked work tree's `commondir`, `HEAD` and the branch it
 *   names, `packed-refs`, `shallow`, every folder and file under `refs/tags/policy/`;
 * - the configuration: the repository's `config` and `config.worktree`, the global files
 *   (`$XDG_CONFIG_HOME/git/config` or `~/.config/git/config`, and `~/.gitconfig`) and the
 *   system file (whose place git was built with, asked once when an answer is kept);
 * - the `git` executable on `PATH` (and the absence of one earlier on it).
 *
 * An answer is used only when every one of those has the same device, inode, mode, owner,
 * size, modification and status-change time (nanoseconds) as when it was kept, and the
 * environment git reads (HOME, XDG_CONFIG_HOME, PATH, the user, SUDO_UID) is the same. A change to a
 * file changes its status-change time, which no program can set back; so that a change made
 * within the clock's granularity of the one recorded cannot look unchanged, an answer is kept
 * only when every file's times are more than {@link settledMs} older than the moment before
 * git was asked (git's "racily clean" rule), and every file's stat data is the same after git
 * answered as before it was asked (a file deleted meanwhile has no time left to show it by;
 * for the system file, whose place git is asked only after, the folder it is in must be settled
 * the first time).
 * Git is asked every time, and nothing is kept,
 * whenever the layout is anything but the plain one understood here: outside Linux, on a
 * network or FUSE file system (whose stat data may be cached), with a
 * `GIT_*` variable that can change git's answers (`GIT_DIR`, `GIT_CONFIG_*`, ...), with a
 * relative `XDG_CONFIG_HOME`, with a configuration file that may include others (the word
 * `include` anywhere in it), with reftable, grafts, replace refs, a `HEAD`
 * naming anything but a branch or a commit, a branch that is itself a symbolic ref, or a file
 * that cannot be read. Like git's index, this trusts the system clock not to be set back
 * between runs by more than {@link settledMs}. The store seals each entry with a key of the
 * user's kept outside the work tree (src/workspace/snapshot-cache.ts), so an entry made
 * elsewhere (a committed or restored `.policy/cache/`) is never used.
 */

/** An answer is kept only when every file it depends on is older than this: a change then always shows in the times. */
export const settledMs = 3000;

/** `GIT_*` variables that do not change what git says about refs and configuration (transport, prompts, identities). */
const harmlessGitVariables = new Set(['GIT_SSL_CAINFO', 'GIT_SSL_CAPATH', 'GIT_SSL_NO_VERIFY', 'GIT_TERMINAL_PROMPT', 'GIT_ASKPASS', 'GIT_PAGER', 'GIT_EDITOR', 'GIT_SEQUENCE_EDITOR', 'GIT_SSH', 'GIT_SSH_COMMAND', 'GIT_SSH_VARIANT', 'GIT_HTTP_USER_AGENT', 'GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_AUTHOR_DATE', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'GIT_COMMITTER_DATE', 'GIT_MERGE_VERBOSITY', 'GIT_PROGRESS_DELAY']);

/**
 * File systems (statfs magic numbers) whose stat data is the machine's own, so a change shows
 * at once: ext2/3/4, XFS, Btrfs, tmpfs, overlayfs, ZFS, F2FS, bcachefs. On a network or FUSE
 * file system (NFS, SMB, sshfs, WSL's 9p) attributes may be cached while git, opening the
 * files, would see a change made elsewhere: git is asked there.
 */
const localFileSystems: ReadonlySet<number> = new Set([0xef53, 0x58465342, 0x9123683e, 0x01021994, 0x794c7630, 0x2fc12fc1, 0xf2f52010, 0xca451a4e]);

/**
 * Whether `path` is on a file system of {@link localFileSystems} (for a path that does not
 * exist, the one its nearest existing folder is on, where it would appear); false when that
 * cannot be told.
 */
function onLocalFileSystem(path: string): boolean {
  for (let at = path; ; at = dirname(at)) {
    try {
      return localFileSystems.has(statfsSync(at).type);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || dirname(at) === at) return false;
    }
  }
}

/** Bumped when what an entry holds or how its signature is made changes. */
const entryFormat = 1;

/** What is kept: the answers, valid for the signature of the files they were given from. */
interface KeptEntry {
  format: number;
  /** The system configuration file's path, as the `git` executable in the signature was built with. */
  systemConfig: string;
  signature: string;
  answers: Record<string, string>;
}

/** The state of the files git reads for a folder's repository: their stat data, and the newest time among them. */
interface RepositoryState {
  signature: string;
  /** The newest modification or status-change time of a file or folder whose contents matter, in nanoseconds. */
  newest: bigint;
  /** The configuration files that exist, to look for includes before keeping an answer. */
  configs: string[];
}

/** Why the layout is not one whose files are all known: git is asked. */
class Unusual extends Error {}

/** A file's stat data as text: `-` when it does not exist; throws {@link Unusual} when it cannot be read. */
function statOf(path: string): { text: string; info?: BigIntStats } {
  try {
    const info = statSync(path, { bigint: true, throwIfNoEntry: false });
    if (info === undefined) return { text: '-' };
    return { text: `${info.dev}:${info.ino}:${info.mode}:${info.uid}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`, info };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { text: '-' };
    throw new Unusual(`cannot stat ${path}`);
  }
}

/** A small file's text (`.git`, `commondir`, `HEAD`). */
function smallText(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Unusual(`cannot read ${path}`);
  }
  if (text.length > 4096) throw new Unusual(`${path} is too long`);
  return text;
}

/**
 * Collect the stat data of every file git reads to answer about the repository holding
 * `folder` (see the module comment), or undefined when the layout is not the plain one.
 * Without `systemConfig` the system file is left out: a first look, to learn whether an
 * answer could be kept at all before asking git where that file is.
 */
function repositoryState(folder: string, systemConfig: string | undefined): RepositoryState | undefined {
  try {
    if (process.platform !== 'linux') return undefined;
    const env = process.env;
    if (Object.keys(env).some((name) => name.startsWith('GIT_') && !harmlessGitVariables.has(name))) return undefined;
    const home = env.HOME;
    // A relative XDG_CONFIG_HOME is read by git from the work tree's top, where it has moved to.
    if (!home || !isAbsolute(home) || (env.XDG_CONFIG_HOME && !isAbsolute(env.XDG_CONFIG_HOME)) || (systemConfig !== undefined && !isAbsolute(systemConfig))) return undefined;
    const watched: [string, string][] = [];
    let newest = 0n;
    /** Watch a file whose contents matter: any change to it changes the answer. */
    const watch = (path: string) => {
      const { text, info } = statOf(path);
      watched.push([path, text]);
      if (info) newest = [info.mtimeNs, info.ctimeNs, newest].reduce((a, b) => (a > b ? a : b));
      return info;
    };
    /** Watch a folder's identity (device, inode, owner) only: its listing does not matter, only what it is. */
    const identity = (path: string) => {
      const { info } = statOf(path);
      watched.push([path, info ? `${info.dev}:${info.ino}:${info.uid}:${info.mode}` : '-']);
      return info;
    };
    const absent = (path: string) => {
      if (watch(path) !== undefined) throw new Unusual(`${path} exists`);
    };

    // The git that runs: the first executable on PATH (relative entries would depend on the folder).
    let executable: string | undefined;
    for (const entry of (env.PATH ?? '').split(':')) {
      if (!isAbsolute(entry)) return undefined;
      const info = watch(join(entry, 'git'));
      if (info?.isFile() && (info.mode & 0o111n) !== 0n) {
        executable = join(entry, 'git');
        break;
      }
    }
    if (!executable) return undefined;

    // Discovery, as git does it: at each level a `.git`, else a bare repository (`HEAD` here).
    const start = realpathSync.native(folder);
    let top = start;
    let dotGit: BigIntStats | undefined;
    const levels: string[] = [];
    for (;;) {
      levels.push(top);
      identity(top);
      dotGit = watch(join(top, '.git'));
      if (dotGit) break;
      absent(join(top, 'HEAD'));
      const parent = dirname(top);
      if (parent === top) return undefined;
      top = parent;
    }

    let gitDir: string;
    let commonDir: string;
    if (dotGit.isDirectory()) {
      gitDir = commonDir = join(top, '.git');
      absent(join(gitDir, 'commondir'));
      // What makes it a git directory to git: HEAD, objects/ and refs/.
      if (!identity(join(gitDir, 'objects'))?.isDirectory() || !identity(join(gitDir, 'refs'))?.isDirectory()) return undefined;
    } else if (dotGit.isFile()) {
      const pointer = /^gitdir: (.+?)\r?\n?$/.exec(smallText(join(top, '.git')))?.[1];
      if (!pointer) return undefined;
      gitDir = resolve(top, pointer);
      identity(gitDir);
      const common = watch(join(gitDir, 'commondir'));
      commonDir = common ? resolve(gitDir, smallText(join(gitDir, 'commondir')).trim()) : gitDir;
      identity(commonDir);
    } else return undefined;

    if (!watch(join(gitDir, 'HEAD'))?.isFile()) return undefined;
    const head = smallText(join(gitDir, 'HEAD')).trim();
    const branch = /^ref: (refs\/heads\/[^\s]+)$/.exec(head)?.[1];
    if (branch) {
      if (branch.split('/').some((part) => part === '' || part === '.' || part === '..')) return undefined;
      // A branch that is itself a symbolic ref would send git to a file not watched here.
      if (watch(join(commonDir, branch))?.isFile() && smallText(join(commonDir, branch)).startsWith('ref:')) return undefined;
    } else if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(head)) return undefined;

    // Layouts whose answers come from elsewhere: git is asked.
    absent(join(commonDir, 'reftable'));
    absent(join(commonDir, 'info', 'grafts'));
    absent(join(commonDir, 'refs', 'replace'));
    watch(join(commonDir, 'packed-refs'));
    watch(join(commonDir, 'shallow'));
    identity(join(commonDir, 'refs', 'tags'));
    const tagFolder = join(commonDir, 'refs', 'tags', 'policy');
    if (watch(tagFolder)) {
      const entries = readdirSync(tagFolder, { recursive: true, encoding: 'utf8' });
      for (const entry of entries.sort()) watch(join(tagFolder, entry));
    }

    const xdg = env.XDG_CONFIG_HOME ? join(env.XDG_CONFIG_HOME, 'git', 'config') : join(home, '.config', 'git', 'config');
    const configs = [join(commonDir, 'config'), join(gitDir, 'config.worktree'), xdg, join(home, '.gitconfig'), ...(systemConfig === undefined ? [] : [systemConfig])];
    const existing: string[] = [];
    for (const config of configs) if (watch(config)) existing.push(config);

    // Every file system holding a watched file keeps its stat data on this machine.
    const places = [...levels, gitDir, commonDir, xdg, join(home, '.gitconfig'), dirname(executable), ...(systemConfig === undefined ? [] : [systemConfig])];
    if (!places.every(onLocalFileSystem)) return undefined;

    // As root, git trusts a repository owned by SUDO_UID's user (safe.directory's ownership check).
    const context = { home, xdg: env.XDG_CONFIG_HOME ?? null, path: env.PATH, user: process.geteuid?.(), sudoUid: env.SUDO_UID ?? null, folder: start, executable, systemConfig };
    return { signature: JSON.stringify([entryFormat, context, watched]), newest, configs: existing };
  } catch {
    // Unusual, or a file that vanished or cannot be read while looking: git is asked.
    return undefined;
  }
}

/** Whether the nearest existing folder of `path` (where a file deleted from `path` was) last changed before `moment` (nanoseconds). */
function folderSettled(path: string, moment: bigint): boolean {
  try {
    for (let at = path; ; at = dirname(at)) {
      const { info } = statOf(at);
      if (info) return info.mtimeNs < moment && info.ctimeNs < moment;
      if (dirname(at) === at) return false;
    }
  } catch {
    // A folder that cannot be looked at: nothing can be told.
    return false;
  }
}

/** Where the git built into this `git` reads its system configuration, as it says when asked to edit it (the editor being `echo`). */
function systemConfigPath(folder: string): Promise<string | undefined> {
  return new Promise((done) => {
    execFile('git', ['config', '--system', '--edit'], { cwd: folder, env: { ...process.env, GIT_EDITOR: 'echo' }, encoding: 'utf8' }, (error, stdout) => {
      const lines = stdout.split('\n').filter(Boolean);
      done(!error && lines.length === 1 && isAbsolute(lines[0]!) ? lines[0] : undefined);
    });
  });
}

/**
 * Whether a configuration file may include another (`[include]`, `[includeIf …]`), whose
 * files this module does not follow: whenever the word appears anywhere, since git reads a
 * section header after another on the same line (`[core] [include] path = …`) and in any
 * case. A comment that mentions it only costs the kept answers.
 */
async function includesOthers(path: string): Promise<boolean> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  return text === undefined || /include/i.test(text);
}

/** Answers to git's questions about one folder's repository, kept between runs (see the module comment). */
export interface KeptGitAnswers {
  /** The answer kept for `question`, when the files it was given from are unchanged. */
  get(question: string): string | undefined;
  /** git's answer to `question`, to keep when {@link KeptGitAnswers.save} finds every file settled. */
  put(question: string, answer: string): void;
  /** Keep what was put, with the answers still valid; nothing when a file changed too recently or the layout is unusual. */
  save(): Promise<void>;
}

/**
 * The kept answers for the repository of `folder` in `store` (nothing kept without a store).
 * The moment of the call (by `clock`, milliseconds since 1970; tests move it on) is the one
 * every file must be settled before for an answer put after it to be kept: call this before
 * asking git.
 */
export async function keptGitAnswers(folder: string, store: DerivedStore<unknown> | undefined, clock: () => number = Date.now): Promise<KeptGitAnswers> {
  const askedAt = BigInt(Math.floor(clock())) * 1_000_000n;
  const fresh = new Map<string, string>();
  const name = sha256(JSON.stringify(['git-answers', resolve(folder)]));
  const stored = store ? ((await store.get(name)) as Partial<KeptEntry> | undefined) : undefined;
  const wellFormed = stored !== undefined && stored.format === entryFormat && typeof stored.systemConfig === 'string' && typeof stored.signature === 'string' && typeof stored.answers === 'object' && stored.answers !== null;
  const beforeSystem = wellFormed ? stored.systemConfig : undefined;
  // The files as they are before git is asked: an answer is kept only if they are the same after
  // (a file deleted meanwhile leaves no time to be found recent by, see save).
  const before = store ? repositoryState(folder, beforeSystem) : undefined;
  let valid: Record<string, string> = {};
  if (wellFormed && before && before.signature === stored.signature) valid = stored.answers as Record<string, string>;
  return {
    get: (question) => (Object.hasOwn(valid, question) && typeof valid[question] === 'string' ? valid[question] : undefined),
    put: (question, answer) => void fresh.set(question, answer),
    async save() {
      if (!store || fresh.size === 0) return;
      // A file changed since shortly before git was asked may have been read in either state, or changed again within the clock's step.
      const settled = (state: RepositoryState | undefined): state is RepositoryState => state !== undefined && state.newest < askedAt - BigInt(settledMs) * 1_000_000n;
      // Nothing could be kept (a file changed or was deleted since before git was asked, an unusual layout): git is not asked where its system file is.
      const again = repositoryState(folder, beforeSystem);
      if (!before || !settled(again) || again.signature !== before.signature) return;
      const systemConfig = await systemConfigPath(folder);
      if (!systemConfig) return;
      const state = repositoryState(folder, systemConfig);
      if (!settled(state)) return;
      // Learnt only now, the system file was not compared with its state before git was asked:
      // had it been deleted since git read it, the folder it was in would have changed.
      if (systemConfig !== beforeSystem && !folderSettled(dirname(systemConfig), askedAt - BigInt(settledMs) * 1_000_000n)) return;
      for (const config of state.configs) if (await includesOthers(config)) return;
      const answers = stored?.signature === state.signature ? { ...valid, ...Object.fromEntries(fresh) } : Object.fromEntries(fresh);
      await store.set(name, { format: entryFormat, systemConfig, signature: state.signature, answers } satisfies KeptEntry);
    },
  };
}
