// Runs git in a test repository with a fixed author, so commits need no global git config.
import { spawnSync } from 'node:child_process';

/** Run `git args` in `cwd` and return its stdout; throws with git's stderr when it fails. */
export function git(cwd: string, ...args: string[]): string {
  const result = gitResult(cwd, ...args);
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** Run `git args` in `cwd` and return its exit status and output, for tests that expect it to fail. */
export function gitResult(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync('git', ['-c', 'user.email=editor@example.com', '-c', 'user.name=Editor', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
}
