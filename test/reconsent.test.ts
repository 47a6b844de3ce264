// Re-consent and notices between any two versions: the accepted version is compared with the
// newest one, not the releases in between summed; scoped to the user's integrations and
// jurisdiction.
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../src/compile/policy.ts';
import type { Category, PolicyDocument } from '../src/model/policy.generated.ts';
import { createPolicy } from '../src/runtime/policy-runtime.ts';
import { documentsOf } from './support/documents.ts';

const [allai] = await documentsOf('test/fixtures/workspace/policies/allai/versions/1.0.0.md');

/** ALLAI 1.0.0 with its version and dates set, edited. */
function version(number: string, effective: string, edit: (document: PolicyDocument) => void = () => {}): PolicyDocument {
  const document = structuredClone(allai!);
  document.meta.version = number;
  document.meta.effective = effective;
  document.meta.updated = effective;
  edit(document);
  return document;
}

const marketing = { id: 'marketing', label: 'Send you marketing emails', basis: 'consent' as const, categories: ['contact'] };
const clock = { clock: () => Date.parse('2099-01-01') };

describe('requiresReconsent and mustNotify between any two versions', () => {
  it('asks nothing for a consent purpose added and then removed again', () => {
    const data = compilePolicy([
      version('1.0.1', '2025-07-01'),
      version('2.0.0', '2025-09-01', (d) => void d.declarations.purposes.push(marketing)),
      version('2.1.0', '2025-11-01'),
    ]);
    const policy = createPolicy(data, clock);
    expect(policy.changesSince('1.0.1')).toEqual([]);
    expect(policy.requiresReconsent('1.0.1')).toBe(false);
    expect(policy.mustNotify('1.0.1')).toBe(false);
    // A user who accepted 2.0.0 loses the purpose: informed, not asked.
    expect(policy.changesSince('2.0.0')).toMatchObject([{ path: 'declarations.purposes', change: 'removed', direction: 'narrows', action: 'inform' }]);
    expect(policy.requiresReconsent('2.0.0')).toBe(false);
    // Summed release by release, 1.0.1 -> 2.0.0 alone would have asked.
    expect(data.versions[1]!.changes).toMatchObject([{ action: 'reconsent', purposes: ['marketing'] }]);
  });

  it('asks only the users of the integration whose data a new consent purpose uses', () => {
    const boards: Category = { id: 'pinterest-boards', label: 'Your Pinterest boards', source: ['third-party'], from: ['pinterest'] };
    const data = compilePolicy([
      version('1.0.1', '2025-07-01', (d) => void d.declarations.categories.push(boards)),
      version('2.0.0', '2025-09-01', (d) => {
        d.declarations.categories.push(boards);
        d.declarations.purposes.push({ id: 'pin-suggestions', label: 'Suggest pins from your boards', basis: 'consent', categories: ['pinterest-boards'] });
      }),
    ]);
    const policy = createPolicy(data, clock);
    expect(policy.changesSince('1.0.1')).toMatchObject([{ action: 'reconsent', purposes: ['pin-suggestions'], audience: { scope: 'integration', integration: 'pinterest' } }]);
    expect(policy.requiresReconsent('1.0.1', { integrations: [] })).toBe(false);
    expect(policy.requiresReconsent('1.0.1', { integrations: ['pinterest'] })).toBe(true);
    expect(policy.mustNotify('1.0.1', { integrations: [] })).toBe(false);
  });

  it('notifies only the users of a jurisdiction that loses its rights', () => {
    const data = compilePolicy([version('1.0.1', '2025-07-01'), version('2.0.0', '2025-09-01', (d) => void d.declarations.rights!.jurisdictions.splice(3, 1))]);
    const policy = createPolicy(data, clock);
    expect(policy.mustNotify('1.0.1', { jurisdiction: 'EEA' })).toBe(false);
    expect(policy.mustNotify('1.0.1', { jurisdiction: 'California' })).toBe(true);
  });
});
