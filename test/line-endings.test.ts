import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toRecords } from '../src/diagnostics/format.ts';
import { checkPaths } from '../src/workspace/check.ts';
import { allaiFolder } from './support/workspace.ts';

// Git for Windows sets core.autocrlf=true: every text file is checked out with CRLF endings.
// The repository's own .gitattributes must keep released policies byte-exact all the same.

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** A repository holding ALLAI's policy folder (and the given .gitattributes), cloned with core.autocrlf=true. */
function cloneWithAutocrlf(gitattributes: string | undefined): string {
  const origin = mkdtempSync(join(tmpdir(), 'eol-origin-'));
  git(origin, 'init', '-q');
  cpSync(allaiFolder, join(origin, 'policies', 'allai'), { recursive: true });
  if (gitattributes !== undefined) writeFileSync(join(origin, '.gitattributes'), gitattributes);
  git(origin, 'add', '.');
  git(origin, 'commit', '-q', '-m', 'ALLAI');
  const clone = join(mkdtempSync(join(tmpdir(), 'eol-clone-')), 'repo');
  git(tmpdir(), 'clone', '-q', '-c', 'core.autocrlf=true', origin, clone);
  return clone;
}

const findings = async (folder: string) => toRecords((await checkPaths([folder], undefined, { today: '2026-11-27' })).map((result) => result.file)).filter((record) => record.severity === 'error').map((record) => `${record.ruleId}: ${record.message}`);

describe('a clone with core.autocrlf=true', () => {
  it('checks out policies byte for byte with the repository\'s .gitattributes, and checks clean', async () => {
    const clone = cloneWithAutocrlf(readFileSync('.gitattributes', 'utf8'));
    for (const file of ['policy.md', 'versions/1.0.0.md', 'versions/1.0.1.event.json', 'versions/manifest.json']) {
      expect(readFileSync(join(clone, 'policies/allai', file)).equals(readFileSync(join(allaiFolder, file))), file).toBe(true);
    }
    expect(await findings(join(clone, 'policies/allai'))).toEqual([]);
  });

  it('without .gitattributes, says the line endings were converted, not that history was tampered with', async () => {
    const clone = cloneWithAutocrlf(undefined);
    expect(readFileSync(join(clone, 'policies/allai/versions/1.0.0.md'), 'utf8')).toContain('\r\n');
    const errors = await findings(join(clone, 'policies/allai'));
    expect(errors).toEqual([
      expect.stringMatching(/^history-line-endings: The snapshot of released version 1\.0\.0 \(1\.0\.0\.md\) has Windows \(CRLF\) line endings: it matches the release once they are converted back, so git converted them on checkout; it was not edited$/),
      expect.stringMatching(/^history-line-endings: The notification event of 1\.0\.0 \(1\.0\.0\.event\.json\) has Windows \(CRLF\) line endings/),
      expect.stringMatching(/^history-line-endings: The snapshot of released version 1\.0\.1 \(1\.0\.1\.md\) has Windows \(CRLF\) line endings/),
      expect.stringMatching(/^history-line-endings: The notification event of 1\.0\.1 \(1\.0\.1\.event\.json\) has Windows \(CRLF\) line endings/),
    ]);
  });

  it('still reports a real edit as tampering', async () => {
    const clone = cloneWithAutocrlf(undefined);
    const snapshot = join(clone, 'policies/allai/versions/1.0.0.md');
    writeFileSync(snapshot, readFileSync(snapshot, 'utf8').replace('ALLAI', 'ALLAl'));
    expect(await findings(join(clone, 'policies/allai'))).toContainEqual('history-tampered: The snapshot of released version 1.0.0 (1.0.0.md) was modified after release');
  });
});
