import { describe, expect, it } from 'vitest';
import { bumpCovers, classifyChanges, declaredBump, nextVersion, requiredBump } from '../src/classify/index.ts';
import { compileRules } from '../src/compile/rules.ts';
import type { CompiledRules } from '../src/model/rules.generated.ts';
import { allaiVersions, documentsOf } from './support/documents.ts';

const [allai] = await documentsOf('test/fixtures/workspace/policies/allai/versions/1.0.0.md');
const base = compileRules(allai!);

type Expectation = { kind: string; change: string; material: boolean; direction: string; action: string; bump: string; audience?: object };

/** Apply an edit to a copy of the compiled ALLAI 1.0.0 rules and classify the difference. */
function classify(edit: (rules: CompiledRules) => void) {
  const next = structuredClone(base);
  edit(next);
  return classifyChanges(base, next);
}

const contact = { type: 'email' as const, value: 'privacy@allai.example' };
const cases: [string, (rules: CompiledRules) => void, Expectation][] = [
  ['a new category', (r) => void (r.categories.biometrics = { label: 'Face scans', examples: [], source: ['provided'], from: [], special: true }), { kind: 'category', change: 'added', material: true, direction: 'widens', action: 'notice', bump: 'major' }],
  ['a category no longer collected', (r) => void delete r.categories.payment, { kind: 'category', change: 'removed', material: true, direction: 'narrows', action: 'none', bump: 'minor' }],
  ['a category now special', (r) => void (r.categories.content!.special = true), { kind: 'category', change: 'changed', material: true, direction: 'widens', action: 'notice', bump: 'major' }],
  ['a category relabelled', (r) => void (r.categories.contact!.label = 'Contact information'), { kind: 'category', change: 'changed', material: false, direction: 'neutral', action: 'none', bump: 'patch' }],
  ['a new purpose on contract', (r) => void (r.purposes.research = { label: 'Research', basis: 'legitimate-interests', categories: ['technical'] }), { kind: 'purpose', change: 'added', material: true, direction: 'widens', action: 'notice', bump: 'major' }],
  ['a new consent purpose', (r) => void (r.purposes.marketing = { label: 'Send marketing emails', basis: 'consent', categories: ['contact'] }), { kind: 'purpose', change: 'added', material: true, direction: 'widens', action: 'reconsent', bump: 'major' }],
  ['a purpose dropped', (r) => void delete r.purposes.analytics, { kind: 'purpose', change: 'removed', material: true, direction: 'narrows', action: 'none', bump: 'minor' }],
  ['a basis changed to consent', (r) => void (r.purposes.analytics!.basis = 'consent'), { kind: 'purpose', change: 'changed', material: true, direction: 'neutral', action: 'reconsent', bump: 'major' }],
  ['a purpose using more data', (r) => void r.purposes['generate-content']!.categories.push('technical'), { kind: 'purpose', change: 'added', material: true, direction: 'widens', action: 'notice', bump: 'major' }],
  ['a purpose using less data', (r) => void r.purposes['generate-content']!.categories.pop(), { kind: 'purpose', change: 'removed', material: true, direction: 'narrows', action: 'none', bump: 'minor' }],
  ['a new recipient', (r) => void (r.recipients.advertisers = { label: 'Advertising partners', role: 'independent-controller', examples: [], categories: ['technical'], purposes: ['analytics'] }), { kind: 'recipient', change: 'added', material: true, direction: 'widens', action: 'notice', bump: 'major' }],
  ['a recipient dropped', (r) => void delete r.recipients['business-transfers'], { kind: 'recipient', change: 'removed', material: true, direction: 'narrows', action: 'none', bump: 'minor' }],
  ['a processor becoming a controller', (r) => void (r.recipients['service-providers']!.role = 'independent-controller'), { kind: 'recipient', change: 'changed', material: true, direction: 'widens', action: 'notice', bump: 'major' }],
  ['a longer retention', (r) => void (r.retention.contact = [{ kind: 'period', period: 'P2Y' }]), { kind: 'retention', change: 'changed', material: true, direction: 'neutral', action: 'notice', bump: 'minor' }],
  ['a new transfer', (r) => void r.transfers.push({ destinations: ['United States'], categories: ['technical'], reasons: [], safeguard: 'standard-contractual-clauses' }), { kind: 'transfer', change: 'added', material: true, direction: 'widens', action: 'notice', bump: 'major' }],
  ['a transfer safeguard named', (r) => void (r.transfers[0]!.safeguard = 'standard-contractual-clauses'), { kind: 'transfer', change: 'changed', material: true, direction: 'neutral', action: 'notice', bump: 'minor' }],
  ['a new use of Pinterest data', (r) => void r.integrations.pinterest!.uses.push({ label: 'advertising' }), { kind: 'integration', change: 'added', material: true, direction: 'widens', action: 'notice', bump: 'major', audience: { scope: 'integration', integration: 'pinterest' } }],
  ['the Pinterest no-sale commitment dropped', (r) => void (r.integrations.pinterest!.noSale = false), { kind: 'integration', change: 'changed', material: true, direction: 'widens', action: 'notice', bump: 'major', audience: { scope: 'integration', integration: 'pinterest' } }],
  ['a Pinterest deletion deadline stated', (r) => void (r.integrations.pinterest!.onDisconnect.deletion.within = 'P30D'), { kind: 'integration', change: 'changed', material: true, direction: 'narrows', action: 'none', bump: 'minor', audience: { scope: 'integration', integration: 'pinterest' } }],
  ['rights extended to a jurisdiction', (r) => void r.rights.jurisdictions.push('Brazil'), { kind: 'rights', change: 'added', material: true, direction: 'narrows', action: 'none', bump: 'minor', audience: { scope: 'jurisdiction', jurisdiction: 'Brazil' } }],
  ['a right removed', (r) => void delete r.rights.granted.portability, { kind: 'rights', change: 'removed', material: true, direction: 'widens', action: 'notice', bump: 'major' }],
  ['a lower minimum age', (r) => void (r.minimumAge = 16), { kind: 'children', change: 'changed', material: true, direction: 'widens', action: 'notice', bump: 'major' }],
  ['a higher minimum age', (r) => void (r.minimumAge = 21), { kind: 'children', change: 'changed', material: true, direction: 'narrows', action: 'none', bump: 'minor' }],
  ['cookies for a new purpose', (r) => void r.cookies!.purposes.push('advertising'), { kind: 'cookies', change: 'added', material: true, direction: 'widens', action: 'notice', bump: 'major' }],
  ['a contact address added', (r) => void r.contact!.channels.push(contact), { kind: 'contact', change: 'added', material: false, direction: 'neutral', action: 'none', bump: 'patch' }],
];

describe('classifyChange', () => {
  it.each(cases)('classifies %s', (_name, edit, expected) => {
    const changes = classify(edit);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes[0]).toMatchObject(expected);
    expect(changes[0]!.reason.length).toBeGreaterThan(10);
  });

  it('compares retention periods by length', () => {
    const withPeriod = (period: string) => (rules: CompiledRules) => void (rules.retention.contact = [{ kind: 'period', period }]);
    const before = structuredClone(base);
    withPeriod('P1Y')(before);
    const longer = structuredClone(before);
    withPeriod('P18M')(longer);
    const shorter = structuredClone(before);
    withPeriod('P6M')(shorter);
    expect(classifyChanges(before, longer)[0]).toMatchObject({ direction: 'widens', bump: 'major', reason: 'We keep contact details longer: 1 year → 18 months' });
    expect(classifyChanges(before, shorter)[0]).toMatchObject({ direction: 'narrows', bump: 'minor' });
    const same = structuredClone(before);
    withPeriod('P12M')(same);
    expect(classifyChanges(before, same)[0]).toMatchObject({ material: false, bump: 'patch' });
  });

  it('asks re-consent only for the consent purposes concerned', () => {
    const changes = classify((rules) => {
      rules.purposes.marketing = { label: 'Send marketing emails', basis: 'consent', categories: ['contact'] };
      rules.purposes.analytics!.basis = 'consent';
    });
    expect(changes.filter((change) => change.action === 'reconsent').flatMap((change) => change.purposes)).toEqual(['marketing', 'analytics']);
  });

  it('finds nothing between identical versions: the same text needs no version, any other edit a patch', () => {
    expect(classify(() => {})).toEqual([]);
    expect(requiredBump([], false)).toBe('none');
    expect(requiredBump([], true)).toBe('patch');
  });
});

describe('the ALLAI version fixtures', () => {
  it('classify 1.0.0 -> 1.1.0 as a narrowing (minor) and 1.1.0 -> 2.0.0 as needing re-consent (major)', async () => {
    const [v1, v11, v2] = (await documentsOf(...allaiVersions)).map(compileRules);
    const first = classifyChanges(v1!, v11!);
    const second = classifyChanges(v11!, v2!);
    expect(requiredBump(first, true)).toBe('minor');
    expect(requiredBump(second, true)).toBe('major');
    expect(second.filter((change) => change.action === 'reconsent').map((change) => change.subject)).toEqual(['marketing']);
  });
});

describe('the required bump, defined once', () => {
  it('takes the largest bump of the changes, whether or not the prose moved', () => {
    expect(requiredBump([{ bump: 'patch' }, { bump: 'major' }, { bump: 'minor' }], false)).toBe('major');
    expect(requiredBump([{ bump: 'minor' }], true)).toBe('minor');
  });

  it('says whether a declared bump covers the required one', () => {
    expect(bumpCovers('major', 'minor')).toBe(true);
    expect(bumpCovers('minor', 'minor')).toBe(true);
    expect(bumpCovers('patch', 'minor')).toBe(false);
    expect(bumpCovers('none', 'patch')).toBe(false);
    expect(bumpCovers('lower', 'patch')).toBe(false);
    expect(bumpCovers('none', 'none')).toBe(true);
  });

  it('reads the bump a version number declares', () => {
    expect(declaredBump('1.0.0', '1.0.0')).toBe('none');
    expect(declaredBump('1.2.0', '1.1.9')).toBe('lower');
    expect(declaredBump('1.0.0', '1.0.1')).toBe('patch');
    expect(declaredBump('1.0.3', '1.1.0')).toBe('minor');
    expect(declaredBump('1.4.0', '2.0.0')).toBe('major');
    expect(nextVersion('1.4.2', 'minor')).toBe('1.5.0');
  });
});
