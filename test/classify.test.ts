import { describe, expect, it } from 'vitest';
import { classifyChanges, requiredBump } from '../src/classify/index.ts';
import type { PolicyDocument } from '../src/model/policy.generated.ts';
import { allaiVersions, classifyEdit, documentsOf } from './support/documents.ts';

const [allai] = await documentsOf('test/fixtures/workspace/policies/allai/versions/1.0.0.md');
const base = allai!;

/** Apply an edit to a copy of ALLAI 1.0.0's declarations and classify the difference. */
const classify = (edit: (document: PolicyDocument) => void, from: PolicyDocument = base) => classifyEdit(from, edit);

const find = <T extends { id: string }>(items: T[], id: string): T => items.find((item) => item.id === id)!;

describe('classifyChanges', () => {
  it('compares retention periods by length, and a fixed period replaced by "as long as necessary" is a widening', () => {
    const withTerm = (term: object) => (document: PolicyDocument) => void (document.declarations.retention = [{ categories: ['contact'], ...term }, ...document.declarations.retention]);
    const before = structuredClone(base);
    withTerm({ period: 'P1Y' })(before);
    const longer = classify((d) => void (d.declarations.retention[0]!.period = 'P18M'), before);
    expect(longer).toMatchObject([{ change: 'increased', direction: 'widens', bump: 'major', action: 'notice', reason: 'We keep Contact details longer: 1 year → 18 months' }]);
    expect(classify((d) => void (d.declarations.retention[0]!.period = 'P6M'), before)).toMatchObject([{ change: 'decreased', direction: 'narrows', bump: 'minor', action: 'inform' }]);
    // The same period written differently is no change of what is done.
    expect(classify((d) => void (d.declarations.retention[0]!.period = 'P12M'), before)).toEqual([]);
    const necessary = classify((d) => {
      delete d.declarations.retention[0]!.period;
      d.declarations.retention[0]!.criteria = ['as long as necessary'];
    }, before);
    expect(necessary).toMatchObject([{ change: 'increased', direction: 'widens', bump: 'major', reason: 'We keep Contact details longer: 1 year → as long as necessary (as long as necessary)' }]);
  });

  it('asks re-consent only for the consent purposes concerned', () => {
    const changes = classify((d) => {
      d.declarations.purposes.push({ id: 'marketing', label: 'Send marketing emails', basis: 'consent', categories: ['contact'] });
      find(d.declarations.purposes, 'analytics').basis = 'consent';
    });
    expect(changes.filter((change) => change.action === 'reconsent').flatMap((change) => change.purposes)).toEqual(['analytics', 'marketing']);
  });

  it('reports a new category reached through all once, listing what reaches it', () => {
    const changes = classify((d) => void d.declarations.categories.push({ id: 'location', label: 'Approximate location', source: ['automatic'] }));
    expect(changes).toHaveLength(1);
    expect(changes[0]!.reachedBy).toEqual(expect.arrayContaining(['purposes/provide-service', 'purposes/analytics', 'recipients/service-providers', 'retention/all', 'transfers/unstated']));
    expect(changes[0]!.reachedBy).not.toContain('purposes/generate-content');
  });

  it('finds nothing between identical versions, and needs only a patch then', () => {
    expect(classify(() => {})).toEqual([]);
    expect(requiredBump([], false)).toBe('none');
    expect(requiredBump([], true)).toBe('patch');
  });
});

describe('the ALLAI version fixtures', () => {
  it('classify 1.0.0 -> 1.1.0 as a narrowing (minor) and 1.1.0 -> 2.0.0 as needing re-consent (major)', async () => {
    const [v1, v11, v2] = await documentsOf(...allaiVersions);
    const first = classifyChanges(v1!, v11!);
    const second = classifyChanges(v11!, v2!);
    expect(requiredBump(first, true)).toBe('minor');
    expect(requiredBump(second, true)).toBe('major');
    expect(second.filter((change) => change.action === 'reconsent').map((change) => change.subject)).toEqual(['marketing']);
  });
});
