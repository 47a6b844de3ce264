import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../src/check.ts';
import { toRecords } from '../src/diagnostics/format.ts';
import { importPolicy, kebabId } from '../src/history/import.ts';
import { sectionsOf } from '../src/document/build.ts';
import { fileFromBytes } from '../src/parse/read.ts';

const seed = readFileSync('../shared/seed/allai-privacy-policy-2025-06-04.txt', 'utf8');
const draft = importPolicy(seed, { id: 'allai', today: '2026-11-27' });
const result = checkPolicy(fileFromBytes('policies/allai/policy.md', new TextEncoder().encode(draft)));

const sentences = (text: string) =>
  text
    .replace(/\u2022/g, '\n')
    .split(/\n+|(?<=[.!?])\s+(?=[A-Z])/)
    .map((sentence) => sentence.replace(/\s+/g, ' ').trim())
    .filter(Boolean);

describe('policy import of the ALLAI seed', () => {
  it('gives a draft that check accepts with review warnings only', () => {
    const records = toRecords([result.file]);
    expect(records.filter((record) => record.severity === 'error')).toEqual([]);
    expect(new Set(records.map((record) => record.ruleId))).toEqual(new Set(['unreviewed-declaration', 'unstated-declaration', 'duplicate-section', 'empty-contact']));
  });

  it('keeps the prose verbatim', () => {
    const prose = [...sectionsOf(result.document!)].flatMap((section) => [section.title, ...sentences(section.text)]);
    expect(sentences(seed).filter((sentence) => !prose.some((line) => line.includes(sentence)))).toEqual([]);
  });

  it('detects the headings and reads the metadata the text states', () => {
    expect([...sectionsOf(result.document!)].map((section) => section.title)).toContain('Use of Pinterest API');
    expect(result.document!.meta).toMatchObject({ effective: '2025-06-04', controller: { name: 'ELEVIUM SOFTWARE DESIGN L.L.C S.O.C' }, noticePeriod: 'unstated' });
  });

  it('drafts candidate declarations from the lists, marked for review', () => {
    const d = result.document!.declarations;
    expect(d.categories).toHaveLength(6);
    expect(d.categories[0]).toMatchObject({ label: 'Contact details', examples: ['name', 'email address', 'phone number'], source: 'unstated' });
    expect(d.purposes).toHaveLength(7);
    expect(d.purposes.every((purpose) => purpose.basis === 'unstated')).toBe(true);
    expect(d.recipients.map((recipient) => recipient.label)).toEqual(['Service providers', 'Legal authorities', 'Safety and rights protection', 'Business transfers']);
    expect(d.rights?.jurisdictions).toEqual(['EEA', 'United Kingdom', 'Switzerland', 'California']);
    expect(d.rights?.granted).toHaveLength(7);
    expect(d.children?.minimumAge).toBe(18);
    expect(result.parsed!.blocks.every((block) => block.review)).toBe(true);
  });
});

describe('ids made from labels and file names', () => {
  it('are kebab-case ASCII, cut to the words asked for', () => {
    expect(kebabId('ALLAI Privacy Policy 2025-06-04')).toBe('allai-privacy-policy-2025-06-04');
    expect(kebabId('Café & Crème: user_data', 3)).toBe('cafe-creme-user');
    expect(kebabId('!!!')).toBe('');
  });

  it('repeat with a number rather than collide', () => {
    const doubled = importPolicy('# Privacy Policy\n\n## Information We Collect\n\n- Email address.\n- Email address (work).\n', { id: 'x', today: '2026-11-27' });
    expect(doubled).toContain('id: email-address\n');
    expect(doubled).toContain('id: email-address-1\n');
  });
});

describe('policy import reads the effective date as the date lint does', () => {
  it.each([
    ['Effective date: June 4, 2025.', '2025-06-04'],
    ['Effective as of 4 June 2025.', '2025-06-04'],
    ['Effective: 2025-06-04.', '2025-06-04'],
    ['Effective date: Sept. 4th, 2025.', '2025-09-04'],
    ['Effective from the 4th June 2025 onwards.', '2025-06-04'],
    ['Effective: Jun 4 2025.', '2025-06-04'],
  ])('%s -> %s', (line, iso) => {
    const draft = importPolicy(`Privacy Policy\n\n${line}\n\nWe collect your email address.\n`, { id: 'example', today: '2026-11-27' });
    expect(/^effective: (.*)$/m.exec(draft)?.[1]).toBe(iso);
  });

  it('takes no date from a word that is not a month', () => {
    const draft = importPolicy('Privacy Policy\n\nEffective Monday 4, 2025.\n\nWe collect your email address.\n', { id: 'example', today: '2026-11-27' });
    expect(/^effective: (.*)$/m.exec(draft)?.[1]).toBe('2026-11-27');
  });
});
