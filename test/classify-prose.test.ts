import { describe, expect, it } from 'vitest';
import { classifyProse } from '../src/classify/prose.ts';

const base = [
  '# Privacy',
  'We collect your email address and your IP address when you use the service.',
  'We share your email address with our email vendor, which sends messages for us.',
  'We keep logs for 30 days. We have 2 million users.',
  'Contact us at privacy@example.com or +1 555 010 0000. Last updated: June 4, 2025.',
  'Learn more in our cookie guide.',
].join('\n\n');
const edit = (from: string, to: string) => classifyProse(base, base.replace(from, to));

describe('classifyProse', () => {
  it('finds new data, recipients, purposes and retention periods', () => {
    expect(edit('and your IP address', 'your IP address and your precise location')).toMatchObject({ material: true, direction: '+', reasons: expect.arrayContaining([expect.objectContaining({ kind: 'data', term: 'precise location', change: 'added' })]) });
    expect(edit('with our email vendor', 'with our email vendor and with Acme Analytics')).toMatchObject({ material: true, reasons: expect.arrayContaining([expect.objectContaining({ kind: 'recipient', term: 'Acme Analytics' })]) });
    expect(edit('We keep logs for 30 days.', 'We keep logs for 18 months.').reasons.map((reason) => [reason.term, reason.change])).toEqual([
      ['18 months', 'added'],
      ['30 days', 'removed'],
    ]);
    expect(edit('which sends messages for us.', 'which sends messages for us and uses them for advertising.')).toMatchObject({ material: true, reasons: expect.arrayContaining([expect.objectContaining({ kind: 'purpose', term: 'advertising' })]) });
  });

  it('finds a dropped recipient as a narrowing', () => {
    expect(classifyProse(base.replace('with our email vendor', 'with our email vendor and with Acme Analytics'), base)).toMatchObject({ material: true, direction: '-' });
  });

  it.each([
    ['a rewording', 'We share your email address with our email vendor, which sends messages for us.', 'Our email vendor, which sends messages for us, receives your email address.', 'wording'],
    ['a new date', 'June 4, 2025', 'July 1, 2026', 'dates'],
    ['new contact details', 'privacy@example.com or +1 555 010 0000', 'legal@example.com or +1 555 010 9999', 'contact details'],
    ['a statistic', '2 million users', '3 million users', 'numbers or statistics'],
    ['a pointer to other text', 'Learn more in our cookie guide.', 'Learn more about advertising identifiers in our cookie guide.', 'wording'],
  ])('does not flag %s', (_name, from, to, kind) => {
    const verdict = edit(from, to);
    expect(verdict.material, JSON.stringify(verdict.reasons)).toBe(false);
    expect(verdict.nonMaterial).toContain(kind);
  });

  it('treats a company renamed in an otherwise identical sentence as a rename', () => {
    const before = base.replace('with our email vendor', 'with Adzerk, our ad platform');
    const after = base.replace('with our email vendor', 'with Kevel, our ad platform');
    expect(classifyProse(before, after).material).toBe(false);
  });

  it('ignores formatting alone', () => {
    expect(classifyProse(base, base.replace('# Privacy', '**Privacy**').replace(/\n\n/g, '\n\n\n'))).toMatchObject({ material: false, nonMaterial: ['formatting or markup only'] });
  });
});
