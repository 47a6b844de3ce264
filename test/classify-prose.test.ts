import { describe, expect, it } from 'vitest';
import { declaredTextOf, declaresReason } from '../src/classify/declared.ts';
import { classifyProse } from '../src/classify/prose.ts';
import { concepts, vocabularySources } from '../src/classify/vocabulary.ts';

const base = [
  '# Privacy Policy',
  'Effective July 1, 2025',
  'We collect your email address and your IP address when you use the service.',
  'We share your email address with our email vendor, which sends messages for us.',
  'We keep logs for 30 days. We have 2 million users.',
  'Contact us at privacy@example.com or +1 555 010 0000. Last updated: June 4, 2025.',
  '| Role | Contact |',
  '|---|---|',
  '| Data Protection Officer | Jane Doe |',
  '',
  '| Statistic | Value |',
  '|---|---|',
  '| Median response time | 12 days |',
  '',
  'Learn more in our cookie guide.',
].join('\n\n');
const edit = (from: string, to: string) => {
  expect(base).toContain(from);
  return classifyProse(base, base.replace(from, to));
};
const reasons = (verdict: ReturnType<typeof classifyProse>) => verdict.reasons.map((reason) => [reason.kind, reason.change, reason.term]);

describe('classifyProse', () => {
  it('finds new data, recipients, purposes and retention periods, and says which', () => {
    const data = edit('and your IP address', 'your IP address and your precise location');
    expect(data).toMatchObject({ material: true, verdict: 'material', direction: '+' });
    expect(reasons(data)).toEqual([['data', 'added', 'precise location']]);

    const recipient = edit('with our email vendor', 'with our email vendor and with Acme Analytics');
    expect(reasons(recipient)).toEqual([['recipient', 'added', 'Acme Analytics']]);
    expect(recipient.reasons[0]!.sentence).toBe('We share your email address with our email vendor and with Acme Analytics, which sends messages for us.');
    expect(recipient.reasons[0]!.why).toMatch(/names a recipient, "Acme Analytics"/);
    expect(recipient.reasons[0]!.fact).toBe('share/sends: email address, messages → vendor, Acme Analytics');

    const retention = edit('We keep logs for 30 days.', 'We keep logs for 18 months.');
    expect(reasons(retention)).toEqual([['retention', 'changed', '30 days → 18 months']]);
    expect(retention.direction).toBe('+');

    const purpose = edit('which sends messages for us.', 'which sends messages for us and uses them for advertising.');
    expect(reasons(purpose)).toContainEqual(['purpose', 'added', 'advertising']);
  });

  it('reads a recipient word in apposition to a name as describing it, not as a second recipient', () => {
    const verdict = edit('We have 2 million users.', 'We share your email address with Google LLC, a subsidiary of Alphabet Inc.');
    expect(reasons(verdict)).toEqual([['recipient', 'added', 'Google LLC']]);
  });

  it('finds a dropped recipient as a narrowing', () => {
    const verdict = classifyProse(base.replace('with our email vendor', 'with our email vendor and with Acme Analytics'), base);
    expect(verdict).toMatchObject({ material: true, direction: '-' });
    expect(reasons(verdict)).toEqual([['recipient', 'removed', 'Acme Analytics']]);
  });

  it('finds a withdrawn promise', () => {
    const before = base.replace('We have 2 million users.', 'We do not sell or share your email address.');
    const after = base.replace('We have 2 million users.', 'We do not sell your email address.');
    expect(reasons(classifyProse(before, after))).toEqual([['action', 'removed', 'not share']]);
  });

  // The false alarms found on policy histories nobody here had seen (issue 16).
  it.each([
    ['a person named in a contact table replaced by a title', 'Jane Doe', 'Head of Privacy'],
    ['a figure in a statistics table', '| Median response time | 12 days |', '| Median response time | 15.5 days |'],
    ['a changed date line', 'Last updated: June 4, 2025.', 'Last updated: January 9, 2026.'],
    ['an effective date moved a month', 'Effective July 1, 2025', 'Effective August 1, 2025'],
    ['a heading renamed', '# Privacy Policy', '# Privacy Notice'],
    ['a rewording', 'We share your email address with our email vendor, which sends messages for us.', 'Our email vendor, which sends messages for us, receives your email address.'],
    ['new contact details', 'privacy@example.com or +1 555 010 0000', 'legal@example.com or +1 555 010 9999'],
    ['a statistic in prose', '2 million users', '3 million users'],
    ['a pointer to other text', 'Learn more in our cookie guide.', 'Learn more about advertising identifiers in our cookie guide.'],
  ])('does not flag %s, in either direction', (_name, from, to) => {
    const forward = edit(from, to);
    const backward = classifyProse(base.replace(from, to), base);
    for (const verdict of [forward, backward]) {
      expect(verdict.verdict, JSON.stringify(reasons(verdict))).toBe('non-material');
      expect(verdict.reasons).toEqual([]);
      expect(verdict.nonMaterial.length).toBeGreaterThan(0);
    }
  });

  it('reads "15.5 days" as one number, and as a period only where data is kept', () => {
    const kept = edit('We keep logs for 30 days.', 'We keep logs for 15.5 days.');
    expect(reasons(kept)).toEqual([['retention', 'changed', '30 days → 15.5 days']]);
  });

  it('sends a company swapped for another in an otherwise identical sentence to review, not to material', () => {
    const before = base.replace('with our email vendor', 'with Adzerk, our ad platform');
    const after = base.replace('with our email vendor', 'with Kevel, our ad platform');
    const verdict = classifyProse(before, after);
    expect(verdict).toMatchObject({ material: false, verdict: 'review' });
    expect(reasons(verdict)).toEqual([['recipient', 'changed', 'Adzerk → Kevel']]);
    expect(verdict.reasons[0]!.why).toMatch(/rename .* or a different company/);
  });

  it('ignores formatting alone', () => {
    expect(classifyProse(base, base.replace('# Privacy Policy', '**Privacy Policy**').replace(/\n\n/g, '\n\n\n'))).toMatchObject({ material: false, verdict: 'non-material', nonMaterial: ['formatting or markup only'] });
  });

  it('reads a list of recipients from its lead-in, and ignores a list of contacts', () => {
    const withList = (items: string[]) => `${base}\n\nWe share your data with the following service providers:\n\n${items.map((item) => `* ${item}`).join('\n')}\n`;
    expect(reasons(classifyProse(withList(['Stripe | Payments | United States']), withList(['Stripe | Payments | United States', 'Metronome | Billing | United States'])))).toContainEqual(['recipient', 'added', 'Metronome']);
    const contacts = (items: string[]) => `${base}\n\nYou can reach our team:\n\n${items.map((item) => `* ${item}`).join('\n')}\n`;
    expect(classifyProse(contacts(['Jane Doe, privacy lead']), contacts(['John Roe, privacy lead'])).verdict).toBe('non-material');
  });

  it('tells sentences apart by letters outside ASCII', () => {
    // A sentence's key keeps every letter: "Café" and "Cafè" are two names, not one sentence left alone.
    const named = (name: string) => `We collect your email address.\n\nWe share your email address with ${name} Ltd for billing.\n`;
    expect(reasons(classifyProse(named('Café'), named('Cafè')))).toEqual([['recipient', 'changed', 'Café Ltd → Cafè Ltd']]);
    expect(reasons(classifyProse(named('Straße'), named('Strasse')))).toEqual([['recipient', 'changed', 'Straße Ltd → Strasse Ltd']]);
  });
});

describe('the vocabulary', () => {
  it('gives every concept a published source and a reason to be there', () => {
    for (const concept of concepts) {
      expect(concept.terms.length, concept.id).toBeGreaterThan(0);
      expect(concept.why.length, concept.id).toBeGreaterThan(10);
      expect(Object.keys(vocabularySources).some((source) => concept.source.includes(source)), `${concept.id}: ${concept.source}`).toBe(true);
    }
  });

  it('has no term in two concepts', () => {
    const seen = new Map<string, string>();
    for (const concept of concepts) {
      for (const term of concept.terms) {
        expect(seen.get(term), `${term} in ${concept.id}`).toBeUndefined();
        seen.set(term, concept.id);
      }
    }
  });
});

describe('declaresReason', () => {
  const reason = (term: string) => ({ term });
  it('finds the same words or the same concept in the declarations', () => {
    const declared = declaredTextOf('categories: usage logs, email address; retention: 18 months; recipients: email provider');
    expect(declaresReason(declared, reason('usage data'))).toBe(true);
    expect(declaresReason(declared, reason('e-mail address'))).toBe(true);
    expect(declaresReason(declared, reason('30 days → 18 months'))).toBe(true);
    expect(declaresReason(declared, reason('precise location'))).toBe(false);
    expect(declaresReason(declared, reason('Acme Analytics'))).toBe(false);
  });
});
