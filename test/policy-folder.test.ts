import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRelease } from '../src/cli/release.ts';
import { runTag } from '../src/cli/tag.ts';
import { sidesToCompare } from '../src/workspace/sides.ts';
import { policyFolder } from '../src/workspace/policy-folder.ts';
import { allaiFolder } from './support/workspace.ts';

/** Run a command function, collecting what it writes. */
async function collect(run: (out: (text: string) => void, err: (text: string) => void) => Promise<number>) {
  let stdout = '';
  let stderr = '';
  const status = await run((text) => void (stdout += text), (text) => void (stderr += text));
  return { status, stdout, stderr };
}

describe('the policy a command names', () => {
  it('is a folder holding policy.md, else policies/<id>', () => {
    expect(policyFolder(allaiFolder)).toEqual({ folder: allaiFolder, found: true });
    expect(policyFolder('no-such-policy')).toEqual({ folder: 'policies/no-such-policy', found: false });
  });

  it('is refused the same way by release, tag and diff when there is none', async () => {
    const cwd = process.cwd();
    process.chdir(mkdtempSync(`${tmpdir()}/policy-folder-`));
    try {
      expect(await collect((out, err) => runRelease('no-such-policy', { date: '2026-11-27', format: 'pretty', color: false }, out, err))).toEqual({ status: 2, stdout: '', stderr: 'policy release: no policy at policies/no-such-policy/policy.md\n' });
      expect(await collect((out, err) => runTag('no-such-policy', undefined, out, err))).toEqual({ status: 2, stdout: '', stderr: 'policy tag: no policy at policies/no-such-policy/policy.md\n' });
      await expect(sidesToCompare(['no-such-policy', '1.0.0'], undefined)).rejects.toThrow('no policy at policies/no-such-policy/policy.md and no file no-such-policy');
    } finally {
      process.chdir(cwd);
    }
  });

  it('is compared by diff only in versions that verify: one modified after release is named with its finding, not called unreleased', async () => {
    const cwd = process.cwd();
    const root = mkdtempSync(`${tmpdir()}/policy-folder-`);
    const folder = join(root, 'allai');
    cpSync(join(cwd, allaiFolder), folder, { recursive: true });
    const snapshot = join(folder, 'versions', '1.0.0.md');
    writeFileSync(snapshot, readFileSync(snapshot, 'utf8').replace('ALLAI', 'ALLAI (edited)'));
    process.chdir(root);
    try {
      const refused = await sidesToCompare(['allai', '1.0.0', '1.0.1'], undefined).then(() => undefined, (error: Error) => error.message);
      expect(refused).toBeDefined();
      const lines = refused!.split('\n');
      expect(lines[0]).toBe('allai 1.0.0 was released, but its release does not verify, so it is not compared:');
      expect(lines).toContain('  allai/versions/manifest.json:9:17 error history-tampered The snapshot of released version 1.0.0 (1.0.0.md) was modified after release');
      expect(lines.at(-1)).toBe('Run `policy check allai` for the whole history, and restore the released files from git.');
      // A version never released is still called that, listing the ones that were.
      await expect(sidesToCompare(['allai', '0.9.0', '1.0.1'], undefined)).rejects.toThrow('allai has no released version 0.9.0; released: 1.0.0, 1.0.1');
      // The version that verifies is compared as before.
      const [before, after] = await sidesToCompare(['allai', '1.0.1', 'draft'], undefined);
      expect([before.label, after.label]).toEqual(['allai/versions/1.0.1.md', 'allai/policy.md']);
    } finally {
      process.chdir(cwd);
    }
  });
});
