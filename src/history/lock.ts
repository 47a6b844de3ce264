import { open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Where a release holds its lock: in the policy folder, beside the draft (git ignores it). */
export const lockPath = (policyFolder: string) => join(policyFolder, '.release.lock');

/** Who holds a lock, as written in the lock file. */
interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/** A lock that another live process holds: why the caller cannot go on. */
export class LockedError extends Error {
  readonly path: string;
  readonly owner: LockOwner | undefined;
  constructor(path: string, owner: LockOwner | undefined) {
    super(
      owner
        ? `another \`policy release\` of this policy is running (process ${owner.pid} on ${owner.host}, since ${owner.since}); wait for it to finish. If it is not running, delete ${path}`
        : `another \`policy release\` of this policy holds ${path}; wait for it to finish, or delete the file if no release is running`,
    );
    this.path = path;
    this.owner = owner;
  }
}

/**
 * Take the release lock of a policy folder: a file created exclusively (O_EXCL), so exactly
 * one of two concurrent releases gets it. A lock left by a process that no longer runs on
 * this machine (a crash, kill -9) is taken over. Returns the function that releases it.
 */
export async function acquireReleaseLock(policyFolder: string): Promise<() => Promise<void>> {
  const path = lockPath(policyFolder);
  const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(`${JSON.stringify(owner)}\n`);
      await handle.sync();
      await handle.close();
      return async () => {
        await rm(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = await readOwner(path);
      if (attempt === 0 && holder && holder.host === owner.host && !alive(holder.pid)) {
        // The holder died before releasing it: the release it left is completed or rolled back by the caller.
        await rm(path, { force: true });
        continue;
      }
      throw new LockedError(path, holder);
    }
  }
  throw new LockedError(path, await readOwner(path));
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' && typeof owner.since === 'string' ? (owner as LockOwner) : undefined;
  } catch {
    // Being written right now, or not ours: treat it as held.
    return undefined;
  }
}

/** True when a process with this id runs (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
