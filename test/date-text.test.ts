import { readFileSync, writeFileSync } from 'node:fs';
import { longDate, readDate, writeDate } from '../src/model/dates.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../src/check.ts';
import { releasePolicy } from '../src/history/release.ts';
import { fileFromBytes } from '../src/parse/read.ts';
import { checkPaths } from '../src/workspace/check.ts';
import { copyPolicy } from './support/workspace.ts';

const minimal = readFileSync('test/fixtures/policies/minimal/policy.md', 'utf8');
const withLine = (line: string, meta = (text: string) => text) => meta(minimal).replace('# Privacy Policy\n', `# Privacy Policy\n\n${line}\n`);
const dateFindings = (text: string) => checkPolicy(fileFromBytes('policy.md', new TextEncoder().encode(text))).file.messages.filter((message) => message.ruleId === 'prose-date-mismatch');

describe('the prose date line and the front matter', () => {
  it.each([
    ['Last updated: March 3, 2025.', 'March 3, 2025', 'January 1, 2026'],
    ['Effective date: 3 March 2025.', '3 March 2025', '1 January 2026'],
    ['This policy is effective as of 2025-03-03.', '2025-03-03', '2026-01-01'],
    ['Last revised on Dec. 1, 2025.', 'Dec. 1, 2025', 'January 1, 2026'],
  ])('%s is a warning at the date, fixed in its own style', (line, stated, fixed) => {
    const text = withLine(line);
    const [message, ...rest] = dateFindings(text);
    expect(rest).toEqual([]);
    expect(message!.fatal).toBe(false);
    expect(message!.actual).toBe(stated);
    expect(message!.expected).toEqual([fixed]);
    const offset = text.indexOf(stated);
    expect(message!.line).toBe(text.slice(0, offset).split('\n').length);
    expect(dateFindings(text.replace(stated, fixed))).toEqual([]);
  });

  it('compares a line naming both dates with both, and offers no fix when they differ', () => {
    const text = withLine('Last updated and effective date: January 1, 2026.', (t) => t.replace('updated: 2026-01-01', 'updated: 2025-12-15'));
    const [message] = dateFindings(text);
    expect(message!.reason).toBe('The text says "Last updated and effective date: January 1, 2026", but the front matter says `updated: 2025-12-15`');
    expect(message!.expected).toBeUndefined();
  });

  it('leaves other dates and date words alone', () => {
    expect(dateFindings(withLine('Founded on March 3, 2001. Changes apply from their effective date. We updated our systems in 2024.'))).toEqual([]);
  });
});

describe('updated', () => {
  async function draft(updated: string): Promise<string[]> {
    const folder = copyPolicy('test/fixtures/policies/minimal', 'minimal');
    await releasePolicy(folder, '2026-01-01');
    writeFileSync(join(folder, 'policy.md'), minimal.replace('version: 1.0.0', 'version: 1.0.1').replace('effective: 2026-01-01', 'effective: 2026-12-01').replace('updated: 2026-01-01', `updated: ${updated}`).replace('when you sign up.', 'when you sign up for an account.'));
    const [result] = await checkPaths([join(folder, 'policy.md')], undefined, { today: '2026-11-27' });
    return result!.file.messages.filter((message) => message.ruleId === 'updated-date-stale').map((message) => `${message.reason} -> ${message.expected}`);
  }

  it('must move past the latest release when the text changes', async () => {
    expect(await draft('2025-12-01')).toEqual(["The text changed since version 1.0.0, but `updated` still says 2025-12-01, before 1.0.0's 2026-01-01; set it to the day of this change, at the latest the release day (2026-11-27) -> 2026-11-27"]);
  });

  it('cannot be after the release day', async () => {
    expect(await draft('2026-12-24')).toEqual(['`updated` says 2026-12-24, after the release day (2026-11-27): a text cannot have been updated on a day still to come; set it to the day of this change, at the latest the release day (2026-11-27) -> 2026-11-27']);
    expect(await draft('2026-11-20')).toEqual([]);
  });
});

describe('one way to read and write a date', () => {
  it('reads what the prose writes, and writes it back the same way', () => {
    for (const [text, iso, format] of [['November 27, 2026', '2026-11-27', 'us'], ['Nov. 27th, 2026', '2026-11-27', 'us'], ['27 November 2026', '2026-11-27', 'uk'], ['2026-11-27', '2026-11-27', 'iso'], ['1st Sept 2026', '2026-09-01', 'uk']] as const) {
      expect(readDate(text), text).toEqual({ iso, format });
    }
    expect(readDate('Monday 27, 2026')).toBeUndefined();
    expect(readDate('February 30, 2026')).toBeUndefined();
    expect(writeDate('2026-11-27', 'us')).toBe('November 27, 2026');
    expect(writeDate('2026-11-27', 'uk')).toBe('27 November 2026');
    expect(writeDate('2026-11-27', 'iso')).toBe('2026-11-27');
    // Emails and the site write dates the same way.
    expect(longDate('2025-06-04')).toBe('4 June 2025');
  });
});
