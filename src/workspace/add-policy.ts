import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { policyFileName } from './check.ts';

/** What adding a policy did: the file it wrote, or the file already there that it left alone. */
export type AddedPolicy = { written: string; folder: string } | { exists: string };

/**
 * Write a new policy's draft, `policies/<id>/policy.md` under `root`, unless the policy
 * already exists: a draft is never overwritten.
 */
export function addPolicy(id: string, text: string, root = '.'): AddedPolicy {
  const folder = join(root, 'policies', id);
  const path = join(folder, policyFileName);
  if (existsSync(path)) return { exists: path };
  mkdirSync(folder, { recursive: true });
  writeFileSync(path, text);
  return { written: path, folder };
}
