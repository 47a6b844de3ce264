import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { identifiedLists, identities } from '../src/diff/fields.ts';
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

describe('the lists and identities the diff and the classifier use', () => {
  it('are read from the schema, every x-identity of it and every declaration list with ids', () => {
    const schema = readFileSync('schema/policy.schema.json', 'utf8');
    const declared = [...schema.matchAll(/"x-identity": (\[[^\]]*\])/g)].map((match) => JSON.parse(match[1]!) as string[]);
    expect([...identities].map((keys) => keys.join()).sort()).toEqual(declared.map((keys) => keys.join()).sort());
    const lists = JSON.parse(schema).$defs.declarations.properties as Record<string, { items?: { $ref?: string } }>;
    const withIds = Object.entries(lists).filter(([, list]) => {
      const ref = list.items?.$ref?.replace('#/$defs/', '');
      return ref !== undefined && 'id' in (JSON.parse(schema).$defs[ref].properties ?? {});
    });
    expect([...identifiedLists].sort()).toEqual(withIds.map(([name]) => name).sort());
  });
});
