import { readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPaths } from '../src/workspace/check.ts';
import { toRecords } from '../src/diagnostics/format.ts';
import { releasePolicy } from '../src/history/release.ts';
import { verifyHistory } from '../src/history/verify.ts';
import { copyPolicy } from './support/workspace.ts';

const rulesOf = async (folder: string, today = '2026-11-27') => toRecords((await checkPaths([folder], undefined, { today })).map((result) => result.file)).map((record) => `${record.ruleId}: ${record.message}`);
const errorsOf = async (folder: string, today?: string) => (await rulesOf(folder, today)).filter((line) => !line.startsWith('unstated') && !/^(duplicate-section|empty-contact|acceptance-by-use)/.test(line));

describe('ALLAI history', () => {
  it('verifies: 1.0.0 as published, 1.0.1 without the duplicated Pinterest section', async () => {
    const history = await verifyHistory('test/fixtures/workspace/policies/allai', 'allai');
    expect(history.file.messages).toEqual([]);
    expect(history.released.map((version) => [version.entry.version, version.entry.bump, version.entry.released])).toEqual([
      ['1.0.0', 'initial', '2025-06-04'],
      ['1.0.1', 'patch', '2026-11-27'],
    ]);
    const event = JSON.parse(readFileSync('test/fixtures/workspace/policies/allai/versions/1.0.1.event.json', 'utf8'));
    expect(event).toMatchObject({ class: 'non-material', action: 'none', bump: 'patch', audiences: [], summary: [] });
  });

  it('is unchanged by the draft, which is the released 1.0.1', async () => {
    expect(await errorsOf('test/fixtures/workspace/policies/allai')).toEqual([]);
  });
});

describe('tampering with released history', () => {
  const tampered = async (change: (folder: string) => void) => {
    const folder = copyPolicy('test/fixtures/workspace/policies/allai', 'allai');
    change(folder);
    return (await rulesOf(folder)).filter((line) => line.startsWith('history-tampered'));
  };

  it('detects an edited snapshot', async () => {
    expect(await tampered((folder) => appendFileSync(join(folder, 'versions/1.0.0.md'), '\nOne more sentence.\n'))).toEqual(['history-tampered: The snapshot of released version 1.0.0 (1.0.0.md) was modified after release']);
  });

  it('detects a deleted snapshot', async () => {
    expect(await tampered((folder) => rmSync(join(folder, 'versions/1.0.0.md')))).toEqual(['history-tampered: The snapshot of released version 1.0.0 (1.0.0.md) is missing']);
  });

  it('detects an edited manifest entry', async () => {
    const lines = await tampered((folder) => {
      const path = join(folder, 'versions/manifest.json');
      writeFileSync(path, readFileSync(path, 'utf8').replace('"released": "2025-06-04"', '"released": "2025-05-01"'));
    });
    expect(lines).toContain('history-tampered: The entry for 1.0.0 was edited after release (its hash no longer matches)');
  });

  it('detects a version removed from the chain', async () => {
    const lines = await tampered((folder) => {
      const path = join(folder, 'versions/manifest.json');
      const manifest = JSON.parse(readFileSync(path, 'utf8'));
      manifest.versions.shift();
      writeFileSync(path, JSON.stringify(manifest, null, 2));
    });
    expect(lines).toContain('history-tampered: The entry for 1.0.1 does not link to the entry before it: a version was removed or reordered');
  });

  it('detects an entry pointing at another version\'s snapshot', async () => {
    const lines = await tampered((folder) => {
      const path = join(folder, 'versions/manifest.json');
      writeFileSync(path, readFileSync(path, 'utf8').replace('"file": "1.0.1.md"', '"file": "1.0.0.md"'));
    });
    expect(lines).toContain('history-tampered: The entry for 1.0.1 points at 1.0.0.md and 1.0.1.event.json, not at its own 1.0.1.md');
  });

  it('ignores the system\'s dotfiles in versions/', async () => {
    expect(await tampered((folder) => writeFileSync(join(folder, 'versions/.DS_Store'), ''))).toEqual([]);
  });

  it('detects a file slipped into versions/', async () => {
    expect(await tampered((folder) => writeFileSync(join(folder, 'versions/0.9.0.md'), 'old'))).toEqual(['history-tampered: versions/0.9.0.md is not a released version in the manifest']);
  });
});

describe('policy release', () => {
  const minimal = readFileSync('test/fixtures/policies/minimal/policy.md', 'utf8');
  const withRecipient = (text: string, version: string, effective: string) =>
    text
      .replace('version: 1.0.0', `version: ${version}`)
      .replace('effective: 2026-01-01', `effective: ${effective}`)
      .replace('    purposes: [account, newsletter]\n', '    purposes: [account, newsletter]\n  - id: ad-network\n    label: Advertising network\n    role: independent-controller\n    categories: [email]\n    purposes: [account]\n');

  it('releases the first version, then refuses a version too low for the change, then releases it with notice', async () => {
    const folder = copyPolicy('test/fixtures/policies/minimal', 'minimal');
    const first = await releasePolicy(folder, '2026-01-01');
    expect(first.entry).toMatchObject({ version: '1.0.0', bump: 'initial', previous: null });

    writeFileSync(join(folder, 'policy.md'), withRecipient(minimal, '1.0.1', '2026-02-15'));
    const tooLow = await releasePolicy(folder, '2026-02-01');
    expect(tooLow.entry).toBeUndefined();
    const refused = toRecords(tooLow.files).map((record) => `${record.ruleId}: ${record.message}`);
    expect(refused).toContain('version-bump-too-small: These changes need a major version (2.0.0), but the version says 1.0.1: Your data is now shared with a new recipient: Advertising network');

    writeFileSync(join(folder, 'policy.md'), withRecipient(minimal, '2.0.0', '2026-02-15'));
    const tooSoon = await releasePolicy(folder, '2026-02-01');
    expect(toRecords(tooSoon.files).map((record) => record.message)).toContain('Released on 2026-02-01, this material change cannot take effect on 2026-02-15: the earliest allowed effective date is 2026-03-03, because a material change must give users 30 days of notice from the day notices can go out (the release day, 2026-02-01)');
    expect(tooSoon.proposedEffective).toBe('2026-03-03');

    writeFileSync(join(folder, 'policy.md'), withRecipient(minimal, '2.0.0', '2026-03-03'));
    const second = await releasePolicy(folder, '2026-02-01');
    expect(second.entry).toMatchObject({ version: '2.0.0', bump: 'major', previous: first.entry!.hash });
    expect(second.event).toMatchObject({ id: 'minimal@2.0.0', from: '1.0.0', class: 'material', action: 'notice', noticeDeadline: '2026-02-01', audiences: [{ scope: 'everyone' }] });
    expect(second.event!.summary).toContain('Your data is now shared with a new recipient: Advertising network');
    expect(second.event!.bodies.banner).toBe('From 3 March 2026, we will share your data with advertising network. Read what changes: /minimal/v/2.0.0/changes/');

    expect((await verifyHistory(folder, 'minimal')).file.messages).toEqual([]);
    const again = await releasePolicy(folder, '2026-02-02');
    expect(again.refusal).toBe('Nothing to release: the draft is version 2.0.0 as released on 2026-02-01');
  });

  it('completes a release interrupted before its manifest entry', async () => {
    const folder = copyPolicy('test/fixtures/policies/minimal', 'minimal');
    await releasePolicy(folder, '2026-01-01');
    writeFileSync(join(folder, 'policy.md'), minimal.replace('version: 1.0.0', 'version: 1.0.1').replace('effective: 2026-01-01', 'effective: 2026-01-10').replace('when you sign up.', 'when you sign up for an account.'));
    // The crash: the snapshot was written, the manifest was not.
    writeFileSync(join(folder, 'versions/1.0.1.md'), 'partial');
    const resumed = await releasePolicy(folder, '2026-01-10');
    expect(resumed.entry).toMatchObject({ version: '1.0.1', bump: 'patch' });
    expect((await verifyHistory(folder, 'minimal')).file.messages).toEqual([]);
  });

  it('releases a file saved with a byte-order mark, and then finds the draft unchanged', async () => {
    const folder = copyPolicy('test/fixtures/policies/minimal', 'minimal');
    writeFileSync(join(folder, 'policy.md'), `\uFEFF${minimal}`);
    expect((await releasePolicy(folder, '2026-01-01')).entry).toMatchObject({ version: '1.0.0' });
    expect(await errorsOf(folder)).toEqual([]);
  });

  it('counts a notice period in calendar months, the same for check, release and the event', async () => {
    const folder = copyPolicy('test/fixtures/policies/minimal', 'minimal');
    const monthly = minimal.replace('noticePeriod: P30D', 'noticePeriod: P1M');
    writeFileSync(join(folder, 'policy.md'), monthly.replace('effective: 2026-01-01', 'effective: 2025-01-01'));
    await releasePolicy(folder, '2025-01-01');
    // Released on 1 February, one month of notice: 1 March is the earliest effective date.
    writeFileSync(join(folder, 'policy.md'), withRecipient(monthly, '2.0.0', '2025-02-28'));
    expect((await errorsOf(folder, '2025-02-01')).join('\n')).toContain('the earliest allowed effective date is 2025-03-01');
    writeFileSync(join(folder, 'policy.md'), withRecipient(monthly, '2.0.0', '2025-03-01'));
    const released = await releasePolicy(folder, '2025-02-01');
    expect(released.entry).toMatchObject({ version: '2.0.0' });
    expect(released.event!.noticeDeadline).toBe('2025-02-01');
  });

  it('refuses to change a released version in place', async () => {
    const folder = copyPolicy('test/fixtures/policies/minimal', 'minimal');
    await releasePolicy(folder, '2026-01-01');
    writeFileSync(join(folder, 'policy.md'), minimal.replace('when you sign up.', 'when you register.'));
    expect(await errorsOf(folder)).toEqual(['released-version-modified: Version 1.0.0 was released on 2026-01-01 and cannot change; give these edits version 1.0.1 or higher']);
  });
});
