import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toRecords } from '../src/diagnostics/format.ts';
import { checkPaths } from '../src/workspace/check.ts';
import { effectiveDateRules } from '../src/history/effective-date.ts';
import { releasePolicy } from '../src/history/release.ts';
import { loadSiteData } from '../src/site/data.ts';
import { runCheck } from '../src/cli/check.ts';
import { runRelease } from '../src/cli/release.ts';
import { copyPolicy } from './support/workspace.ts';

const released = [
  { version: '1.0.0', effective: '2026-01-01', released: '2026-01-01' },
  { version: '2.0.0', effective: '2026-12-29', released: '2026-11-27' },
];

describe('effectiveDateRules', () => {
  it('keeps a later patch from taking effect before a pending material version', () => {
    const verdict = effectiveDateRules({ version: '2.0.1', effective: '2026-12-01', releaseDay: '2026-11-30', released });
    expect(verdict.broken.map((bound) => bound.kind)).toEqual(['order']);
    expect(verdict.earliest).toEqual({ kind: 'order', date: '2026-12-29', because: 'version 2.0.0 takes effect on 2026-12-29, and a higher version cannot take effect before it' });
  });

  it('refuses a backdated date unless a reason is given', () => {
    const backdated = effectiveDateRules({ version: '2.0.1', effective: '2026-12-29', releaseDay: '2027-01-05', released });
    expect(backdated.broken.map((bound) => bound.kind)).toEqual(['release-day']);
    expect(backdated.earliest.date).toBe('2027-01-05');
    expect(backdated.earliest.because).toBe('a version cannot take effect before the day it is released (2027-01-05)');
    const explained = effectiveDateRules({ version: '2.0.1', effective: '2026-12-29', releaseDay: '2027-01-05', released, reason: 'a typo fix that changes no meaning' });
    expect(explained.broken).toEqual([]);
    expect(explained.backdated).toBe(true);
    // The reason never waives the order: 2.0.0 is the lower bound still.
    expect(effectiveDateRules({ version: '2.0.1', effective: '2026-12-01', releaseDay: '2027-01-05', released, reason: 'typo' }).broken.map((bound) => bound.kind)).toEqual(['order']);
  });

  it('counts the notice period from the release day', () => {
    const verdict = effectiveDateRules({ version: '3.0.0', effective: '2027-01-30', releaseDay: '2027-01-05', released, noticePeriod: 'P30D' });
    expect(verdict.earliest).toMatchObject({ kind: 'notice', date: '2027-02-04' });
    expect(verdict.earliest.because).toBe('a material change must give users 30 days of notice from the day notices can go out (the release day, 2027-01-05)');
    expect(verdict.broken.map((bound) => bound.kind)).toEqual(['notice']);
  });
});

/** A policy folder released as 1.0.0 on 2026-01-01, with its draft text. */
async function releasedPolicy(): Promise<{ folder: string; text: string }> {
  const folder = copyPolicy('test/fixtures/policies/minimal', 'minimal');
  const result = await releasePolicy(folder, '2026-01-01');
  expect(result.entry?.version).toBe('1.0.0');
  return { folder, text: readFileSync(join(folder, 'policy.md'), 'utf8') };
}

const addRecipient = (text: string) =>
  text.replace('    purposes: [account, newsletter]\n', '    purposes: [account, newsletter]\n  - id: ad-network\n    label: Advertising network\n    role: independent-controller\n    categories: [email]\n    purposes: [account]\n');
/** The findings of the effective-date rules (the drafts here leave `updated` alone on purpose). */
const findings = async (folder: string, today: string, releasing = false) =>
  toRecords((await checkPaths([join(folder, 'policy.md')], undefined, { today, releasing })).map((result) => result.file)).filter((record) => /^(effective-date-|notice-period-)/.test(record.ruleId ?? '')).map((record) => `${record.line}:${record.column} ${record.severity} ${record.ruleId} ${record.message}`);

describe('a pending material release and a later patch', () => {
  it('refuses a patch that would bring the material change into force early, and proposes the date', async () => {
    const { folder, text } = await releasedPolicy();
    const material = addRecipient(text).replace('version: 1.0.0', 'version: 2.0.0').replace('effective: 2026-01-01', 'effective: 2026-12-29');
    writeFileSync(join(folder, 'policy.md'), material);
    expect((await releasePolicy(folder, '2026-11-27')).entry?.version).toBe('2.0.0');
    // A typo fix, released three days later, dated before 2.0.0 takes effect.
    writeFileSync(join(folder, 'policy.md'), material.replace('version: 2.0.0', 'version: 2.0.1').replace('effective: 2026-12-29', 'effective: 2026-11-30').replace('when you sign up', 'when you sign up for an account'));
    expect(await findings(folder, '2026-11-30')).toEqual([
      '5:12 error effective-date-out-of-order Version 2.0.1 takes effect on 2026-11-30, before a lower version does, which would bring that version\'s changes into force early; the earliest allowed effective date is 2026-12-29, because version 2.0.0 takes effect on 2026-12-29, and a higher version cannot take effect before it',
    ]);
    const refused = await releasePolicy(folder, '2026-11-30');
    expect(refused.entry).toBeUndefined();
    expect(refused.proposedEffective).toBe('2026-12-29');
    const [checked] = await checkPaths([join(folder, 'policy.md')], undefined, { today: '2026-11-30' });
    expect(checked!.file.messages.find((message) => message.ruleId === 'effective-date-out-of-order')!.expected).toEqual(['2026-12-29']);

    // Dated with 2.0.0, it is released; between now and then 1.0.0 stays in force.
    writeFileSync(join(folder, 'policy.md'), readFileSync(join(folder, 'policy.md'), 'utf8').replace('effective: 2026-11-30', 'effective: 2026-12-29'));
    expect((await releasePolicy(folder, '2026-11-30')).entry?.version).toBe('2.0.1');
    const [site] = await loadSiteData(join(folder, '..'), '2026-12-01');
    expect(site!.current.entry.version).toBe('1.0.0');
    expect(site!.upcoming?.entry.version).toBe('2.0.0');
  }, 60_000);

  it('warns on a merged draft whose date lapsed, and makes it an error only when releasing', async () => {
    const { folder, text } = await releasedPolicy();
    writeFileSync(join(folder, 'policy.md'), addRecipient(text).replace('version: 1.0.0', 'version: 2.0.0').replace('effective: 2026-01-01', 'effective: 2026-12-27'));
    // Reviewed on 2026-11-27: fine. Merged a day late: a warning naming the new date.
    expect(await findings(folder, '2026-11-27')).toEqual([]);
    expect(await findings(folder, '2026-11-28')).toEqual([
      '5:12 warning effective-date-too-early If released today (2026-11-28), version 2.0.0 cannot take effect on 2026-12-27: this material change needs 30 days of notice; the earliest allowed effective date is 2026-12-28, because a material change must give users 30 days of notice from the day notices can go out (the release day, 2026-11-28). Change `effective` before releasing',
    ]);
    expect(await findings(folder, '2026-11-28', true)).toEqual([
      '5:12 error notice-period-too-short Released on 2026-11-28, this material change cannot take effect on 2026-12-27: the earliest allowed effective date is 2026-12-28, because a material change must give users 30 days of notice from the day notices can go out (the release day, 2026-11-28)',
    ]);
    const refused = await releasePolicy(folder, '2026-11-28');
    expect(refused.refusal).toContain('change `effective` to 2026-12-28 or later');

    // The commands: a plain check passes, `check --release` and `release` fail and name the date.
    const out: string[] = [];
    const collect = (text: string) => void out.push(text);
    expect(await runCheck([folder], { format: 'pretty', color: false, today: '2026-11-28' }, collect, collect)).toBe(0);
    expect(await runCheck([folder], { format: 'pretty', color: false, today: '2026-11-28', releasing: true }, collect, collect)).toBe(1);
    out.length = 0;
    expect(await runRelease(folder, { date: '2026-11-28', format: 'json', color: false }, collect, collect)).toBe(1);
    expect(JSON.parse(out.join(''))).toMatchObject({ released: false, proposedEffective: '2026-12-28' });
  }, 60_000);
});

describe('a backdated release', () => {
  it('is an error at release unless the reason is given, which the manifest records and the site shows', async () => {
    const { folder, text } = await releasedPolicy();
    const patch = text.replace('version: 1.0.0', 'version: 1.0.1').replace('effective: 2026-01-01', 'effective: 2026-03-01').replace('Our email provider sends messages for us.', 'Our email provider sends our messages.');
    writeFileSync(join(folder, 'policy.md'), patch);
    expect(await findings(folder, '2026-03-10', true)).toEqual([
      '5:12 error effective-date-backdated Version 1.0.1 takes effect on 2026-03-01, before the day it is released (2026-03-10); the earliest allowed effective date is 2026-03-10, because a version cannot take effect before the day it is released (2026-03-10). To keep the earlier date, state why in `effectiveReason`',
    ]);
    expect((await releasePolicy(folder, '2026-03-10')).proposedEffective).toBe('2026-03-10');
    writeFileSync(join(folder, 'policy.md'), patch.replace('updated: 2026-01-01\n', 'updated: 2026-01-01\neffectiveReason: The wording fix was approved on 1 March; it changes no meaning.\n'));
    expect(await findings(folder, '2026-03-10', true)).toEqual([]);
    const released = await releasePolicy(folder, '2026-03-10');
    expect(released.entry).toMatchObject({ version: '1.0.1', effective: '2026-03-01', released: '2026-03-10', effectiveReason: 'The wording fix was approved on 1 March; it changes no meaning.' });
    const manifest = JSON.parse(readFileSync(join(folder, 'versions/manifest.json'), 'utf8'));
    expect(manifest.versions[1].effectiveReason).toBe('The wording fix was approved on 1 March; it changes no meaning.');
    const [site] = await loadSiteData(join(folder, '..'), '2026-03-10');
    expect(site!.current.entry.effectiveReason).toBe('The wording fix was approved on 1 March; it changes no meaning.');
  }, 60_000);
});
