// A frozen copy of the repository's policies/ (ALLAI 1.0.0 and 1.0.1 released, 1.0.1 as the
// draft), for the tests: an editor drafting the next version of the live policy must not
// change what the suite sees. Run a command with `cwd: workspace` and it sees `policies/allai`.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The folder holding the frozen `policies/`. */
export const workspace = join(import.meta.dirname, '..', 'fixtures', 'workspace');

/** The frozen ALLAI policy folder, relative to the repository root (where the tests run). */
export const allaiFolder = 'test/fixtures/workspace/policies/allai';

/** A copy of the policy folder `from` as `policies/<id>` under a fresh temporary folder, for tests that change it. */
export function copyPolicy(from: string, id: string): string {
  const folder = join(mkdtempSync(join(tmpdir(), `${id}-`)), 'policies', id);
  cpSync(from, folder, { recursive: true });
  return folder;
}
