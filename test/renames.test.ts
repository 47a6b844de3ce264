import { describe, expect, it } from 'vitest';
import { idChanges } from '../src/diff/renames.ts';
import { documentsOf } from './support/documents.ts';

const [allai] = await documentsOf('test/fixtures/workspace/policies/allai/versions/1.0.0.md');

describe('idChanges', () => {
  it('suggests renamedFrom when the new item says what the gone one said', () => {
    const after = structuredClone(allai!);
    after.declarations.categories[0]!.id = 'contact-details';
    expect(idChanges(allai!, after)).toEqual([{ list: 'categories', added: 'contact-details', removed: ['contact'], sameAs: 'contact' }]);
  });

  it('says ids are permanent when the content differs too, and nothing once the rename is declared', () => {
    const after = structuredClone(allai!);
    Object.assign(after.declarations.purposes[6]!, { id: 'usage-analytics', label: 'Measure usage' });
    expect(idChanges(allai!, after)).toEqual([{ list: 'purposes', added: 'usage-analytics', removed: ['analytics'] }]);
    after.declarations.purposes[6]!.renamedFrom = 'analytics';
    expect(idChanges(allai!, after)).toEqual([]);
  });

  it('finds nothing when only new items are added', () => {
    const after = structuredClone(allai!);
    after.declarations.categories.push({ id: 'location', label: 'Location', source: ['automatic'] });
    expect(idChanges(allai!, after)).toEqual([]);
  });
});
