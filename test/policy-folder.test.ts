import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
});
