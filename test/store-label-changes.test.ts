import { describe, expect, it } from 'vitest';
import { classifyEdit, documentsOf } from './support/documents.ts';

const [allai] = await documentsOf('test/fixtures/workspace/policies/allai/versions/1.0.0.md');

/** ALLAI 1.0.0 with its contact details declared for the store labels. */
const declared = structuredClone(allai!);
Object.assign(declared.declarations.categories.find((category) => category.id === 'contact')!, { linkedToIdentity: true, usedForTracking: false, optional: false, ephemeral: false, sharing: 'service-providers-only' });

describe('changes to the store-label facts of a category', () => {
  it('classifies sharing with third parties as a widening and says why', () => {
    const changes = classifyEdit(declared, (d) => void (d.declarations.categories.find((c) => c.id === 'contact')!.sharing = 'third-parties'));
    expect(changes).toMatchObject([{ change: 'changed', direction: 'widens', bump: 'major', action: 'notice', reason: 'Contact details is now shared with third parties for their own use' }]);
    expect(changes[0]!.legalReason).toContain('for their own purposes');
  });

  it('classifies a stated limit becoming unstated as a widening, and stating it as a clarification', () => {
    const unstated = classifyEdit(declared, (d) => void (d.declarations.categories.find((c) => c.id === 'contact')!.usedForTracking = 'unstated'));
    expect(unstated).toMatchObject([{ change: 'unstated', direction: 'widens', bump: 'major' }]);
    expect(unstated[0]!.legalReason).toContain('nothing limits it');
    const stated = classifyEdit(allai!, (d) => void (d.declarations.categories.find((c) => c.id === 'contact')!.linkedToIdentity = true));
    expect(stated).toMatchObject([{ change: 'added', direction: 'narrows', bump: 'minor', reason: 'The policy now states whether Contact details is linked to your identity: yes' }]);
  });

  it('reads optional and ephemeral the other way round: losing the choice widens', () => {
    expect(classifyEdit(declared, (d) => void (d.declarations.categories.find((c) => c.id === 'contact')!.optional = true))).toMatchObject([{ direction: 'narrows', bump: 'minor' }]);
    const stored = structuredClone(declared);
    stored.declarations.categories.find((c) => c.id === 'contact')!.ephemeral = true;
    expect(classifyEdit(stored, (d) => void (d.declarations.categories.find((c) => c.id === 'contact')!.ephemeral = false))).toMatchObject([{ direction: 'widens', reason: 'Contact details is now stored, no longer only processed in memory' }]);
  });

  it('treats a changed store data type as wording: the label changes, not what is done', () => {
    const changes = classifyEdit(declared, (d) => void (d.declarations.categories.find((c) => c.id === 'contact')!.storeTypes = { apple: 'EMAIL_ADDRESS' }));
    expect(changes).toMatchObject([{ material: false, bump: 'patch' }]);
  });
});
