import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Run git in `cwd`; resolves to stdout. */
export async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/**
 * Make sure `ref` is available, fetching it (shallowly) from origin when a CI clone lacks it.
 * Throws a message saying what to fetch when that is not possible.
 */
export async function ensureRef(cwd: string, ref: string): Promise<void> {
  const has = () => git(cwd, 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`).then(() => true, () => false);
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
