import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toRecords } from '../src/diagnostics/format.ts';
import { checkPaths } from '../src/workspace/check.ts';
import { allaiFolder, copyPolicy } from './support/workspace.ts';
import { releasePolicy } from '../src/history/release.ts';
import { git } from './support/git.ts';

// Git for Windows sets core.autocrlf=true: every text file is checked out with CRLF endings.
// The repository's own .gitattributes must keep released policies byte-exact all the same.

/** A repository holding a policy folder as `policies/<id>` (and the given .gitattributes), cloned with core.autocrlf=true. */
function cloneWithAutocrlf(gitattributes: string | undefined, folder = allaiFolder, id = 'allai'): string {
  const origin = mkdtempSync(join(tmpdir(), 'eol-origin-'));
  git(origin, 'init', '-q');
  cpSync(folder, join(origin, 'policies', id), { recursive: true });
  if (gitattributes !== undefined) writeFileSync(join(origin, '.gitattributes'), gitattributes);
  git(origin, 'add', '.');
  git(origin, 'commit', '-q', '-m', id);
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

  it('reads released translations through the conversion too: no tampering, no release needed', async () => {
    const folder = copyPolicy('test/fixtures/translations/policies/example', 'example');
    expect((await releasePolicy(folder, '2026-01-01')).entry?.version).toBe('1.0.0');
    const clone = cloneWithAutocrlf(undefined, folder, 'example');
    expect(readFileSync(join(clone, 'policies/example/versions/1.0.0.de.md'), 'utf8')).toContain('\r\n');
    expect(readFileSync(join(clone, 'policies/example/policy.de.md'), 'utf8')).toContain('\r\n');
    const errors = await findings(join(clone, 'policies/example'));
    expect(errors.filter((line) => !line.startsWith('history-line-endings'))).toEqual([]);
    expect(errors).toContainEqual(expect.stringMatching(/^history-line-endings: The de translation released with 1\.0\.0 \(1\.0\.0\.de\.md\) has Windows \(CRLF\) line endings/));
  });

  it('still reports a real edit of a released translation as tampering', async () => {
    const folder = copyPolicy('test/fixtures/translations/policies/example', 'example');
    await releasePolicy(folder, '2026-01-01');
    const clone = cloneWithAutocrlf(undefined, folder, 'example');
    const snapshot = join(clone, 'policies/example/versions/1.0.0.de.md');
    writeFileSync(snapshot, readFileSync(snapshot, 'utf8').replace('registrieren', 'anmelden'));
    expect(await findings(join(clone, 'policies/example'))).toContainEqual('history-tampered: The de translation released with 1.0.0 (1.0.0.de.md) is missing or was modified after release');
  });
});
