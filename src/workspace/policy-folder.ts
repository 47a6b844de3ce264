import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { policyFileName } from './check.ts';

/**
 * The folder of the policy a command names: the path itself when it holds `policy.md`,
 * else `policies/<target>`; `found` says whether that folder holds a policy.
 */
export function policyFolder(target: string): { folder: string; found: boolean } {
  const folder = existsSync(join(target, policyFileName)) ? target : join('policies', target);
  return { folder, found: existsSync(join(folder, policyFileName)) };
}
