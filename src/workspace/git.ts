import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

// Promisified on first use: reading execFile's custom promisified form would load node:child_process
// (lazily in the bundle, scripts/build-cli.ts) when this module is evaluated, which a warm check does without running git.
let promisified: typeof execFile.__promisify__ | undefined;
const run = (): typeof execFile.__promisify__ => (promisified ??= promisify(execFile));
const maxBuffer = 256 * 1024 * 1024;

/** Run git in `cwd`; resolves to stdout, rejects (with git's stderr on the error) when git fails. */
export async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run()('git', args, { cwd, maxBuffer, encoding: 'utf8' });
  return stdout;
}

/** Whether git succeeds in `cwd` with these arguments (for commands whose answer is their exit status). */
export async function gitSucceeds(cwd: string, ...args: string[]): Promise<boolean> {
  return run()('git', args, { cwd, maxBuffer }).then(() => true, () => false);
}

/**
 * The contents of many objects in one git process (`git cat-file --batch`): one entry per
 * name asked for (`<commit>:<path>`, a blob id...), in order, undefined where git has no such
 * object. One process for a whole history instead of one `git show` per commit.
 */
export async function gitObjects(cwd: string, names: readonly string[]): Promise<(Buffer | undefined)[]> {
  if (names.length === 0) return [];
  // A name with a newline would break the batch protocol; git could not find it anyway.
  const asked = names.map((name) => (/[\n\r]/.test(name) ? '' : name));
  const output = await new Promise<Buffer>((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(`git cat-file failed: ${stderr.trim().split('\n')[0] ?? code}`))));
    child.stdin.on('error', () => undefined);
    child.stdin.end(`${asked.join('\n')}\n`);
  });
  const objects: (Buffer | undefined)[] = [];
  let at = 0;
  for (let index = 0; index < asked.length; index++) {
    const end = output.indexOf(0x0a, at);
    if (end < 0) throw new Error('git cat-file ended early');
    const header = output.toString('utf8', at, end);
    at = end + 1;
    // `<oid> <type> <size>`, or `<name> missing` / `<name> ambiguous`.
    const size = /^[0-9a-f]+ \S+ (\d+)$/.exec(header)?.[1];
    if (size === undefined) {
      objects.push(undefined);
      continue;
    }
    objects.push(output.subarray(at, at + Number(size)));
    at += Number(size) + 1;
  }
  return objects;
}

/**
 * Make sure `ref` is available, fetching it (shallowly) from origin when a CI clone lacks it.
 * Throws a message saying what to fetch when that is not possible.
 */
export async function ensureRef(cwd: string, ref: string): Promise<void> {
  const has = () => gitSucceeds(cwd, 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
  if (await has()) return;
  const branch = ref.replace(/^origin\//, '');
  await git(cwd, 'fetch', '--depth=1', 'origin', `${branch}:refs/remotes/origin/${branch}`).catch(() => undefined);
  if (await has()) return;
  throw new Error(`the base ${ref} is not in this clone and could not be fetched; run \`git fetch --depth=1 origin ${branch}\` first (actions/checkout: fetch-depth: 0 also works)`);
}

/** A file's text at a ref, or undefined when it does not exist there. */
export async function showAt(cwd: string, ref: string, path: string): Promise<string | undefined> {
  return git(cwd, 'show', `${ref}:${path}`).catch(() => undefined);
}

/** The top of the work tree holding `cwd`, or undefined outside git. */
export async function workTreeRoot(cwd: string): Promise<string | undefined> {
  return git(cwd, 'rev-parse', '--show-toplevel').then((out) => out.trim(), () => undefined);
}
