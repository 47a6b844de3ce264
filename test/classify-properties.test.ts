// Properties of the semantic diff and its classification, on generated edits of a frozen
// ALLAI (1.0.0 as released): reordering is no change, one insertion is one change, the
// diff mirrors, and wording alone never needs more than a patch.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyChanges, requiredBump } from '../src/classify/index.ts';
import { diffDeclarations } from '../src/diff/declarations.ts';
import { modelFields } from '../src/diff/fields.ts';
import type { PolicyDocument } from '../src/model/policy.generated.ts';
import { documentsOf } from './support/documents.ts';

const [frozen] = await documentsOf('test/fixtures/workspace/policies/allai/versions/1.0.0.md');
const allai = frozen!;
const runs = { numRuns: 60 };

/** A deterministic shuffle from a seed (mulberry32), so fast-check can shrink to a seed. */
function shuffler(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return <T>(items: T[]): T[] => {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index--) {
      const other = Math.floor(next() * (index + 1));
      [copy[index], copy[other]] = [copy[other]!, copy[index]!];
    }
    return copy;
  };
}

/** Every list and every object's keys in a value, reordered. */
function reorder(value: unknown, shuffle: <T>(items: T[]) => T[]): unknown {
  if (Array.isArray(value)) return shuffle(value.map((item) => reorder(item, shuffle)));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(shuffle(Object.entries(value)).map(([key, child]) => [key, reorder(child, shuffle)]));
}

const word = fc.stringMatching(/^[a-z]{3,10}$/);
const freshId = word.map((text) => `new-${text}`);
const categoryIds = allai.declarations.categories.map((category) => category.id);
const someCategories = fc.subarray(categoryIds, { minLength: 1 });

type Edit = { name: string; apply: (document: PolicyDocument) => void };

/** One new item somewhere in the declarations. */
const insertion: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ id: freshId, label: word, special: fc.boolean() }).map(({ id, label, special }) => ({ name: `category ${id}`, apply: (d: PolicyDocument) => void d.declarations.categories.push({ id, label, source: ['provided'], special }) })),
  fc.record({ id: freshId, label: word, basis: fc.constantFrom('consent', 'contract', 'legitimate-interests' as const), categories: someCategories }).map(({ id, label, basis, categories }) => ({ name: `purpose ${id}`, apply: (d: PolicyDocument) => void d.declarations.purposes.push({ id, label, basis, categories }) })),
  fc.record({ id: freshId, label: word, categories: someCategories }).map(({ id, label, categories }) => ({ name: `recipient ${id}`, apply: (d: PolicyDocument) => void d.declarations.recipients.push({ id, label, role: 'processor', categories, purposes: 'all' }) })),
  fc.record({ place: word, categories: someCategories }).map(({ place, categories }) => ({ name: `transfer to ${place}`, apply: (d: PolicyDocument) => void d.declarations.transfers.push({ destinations: [`Land ${place}`], categories, safeguard: 'standard-contractual-clauses' }) })),
  word.map((label) => ({ name: `use ${label}`, apply: (d: PolicyDocument) => void d.declarations.integrations[0]!.uses.push({ label: `use for ${label}` }) })),
  fc.record({ index: fc.nat({ max: categoryIds.length - 1 }), example: word }).map(({ index, example }) => ({ name: `example ${example}`, apply: (d: PolicyDocument) => void (d.declarations.categories[index]!.examples = [...(d.declarations.categories[index]!.examples ?? []), `example ${example}`]) })),
  word.map((place) => ({ name: `jurisdiction ${place}`, apply: (d: PolicyDocument) => void d.declarations.rights!.jurisdictions.push(`Land ${place}`) })),
  word.map((purpose) => ({ name: `cookie purpose ${purpose}`, apply: (d: PolicyDocument) => void d.declarations.cookies!.purposes.push(`to ${purpose}`) })),
);

/** An edit of any kind: an insertion, a removal or a changed value. */
const anyEdit: fc.Arbitrary<Edit> = fc.oneof(
  insertion,
  fc.nat({ max: 3 }).map((index) => ({ name: `recipient ${index} removed`, apply: (d: PolicyDocument) => void d.declarations.recipients.splice(index, 1) })),
  fc.nat({ max: 6 }).map((index) => ({ name: `purpose ${index} removed`, apply: (d: PolicyDocument) => void d.declarations.purposes.splice(index, 1) })),
  fc.constantFrom('P6M', 'P1Y', 'P3Y').map((period) => ({ name: `retention ${period}`, apply: (d: PolicyDocument) => void (d.declarations.retention = [{ categories: 'all', period }]) })),
  fc.integer({ min: 13, max: 21 }).map((age) => ({ name: `minimum age ${age}`, apply: (d: PolicyDocument) => void (d.declarations.children!.minimumAge = age) })),
  fc.constantFrom('processor', 'independent-controller', 'affiliate' as const).map((role) => ({ name: `role ${role}`, apply: (d: PolicyDocument) => d.declarations.recipients.forEach((recipient, index) => void (index === 0 && (recipient.role = role))) })),
  fc.boolean().map((noSale) => ({ name: `noSale ${noSale}`, apply: (d: PolicyDocument) => void (d.declarations.integrations[0]!.noSale = noSale) })),
  fc.constantFrom('consent', 'contract', 'unstated' as const).map((basis) => ({ name: `analytics basis ${basis}`, apply: (d: PolicyDocument) => {
    const analytics = d.declarations.purposes.find((purpose) => purpose.id === 'analytics');
    if (analytics) analytics.basis = basis;
  } })),
  fc.constantFrom('P30D', 'P90D', 'unstated').map((within) => ({ name: `deletion within ${within}`, apply: (d: PolicyDocument) => void (d.declarations.integrations[0]!.onDisconnect.deletion.within = within) })),
);

const edited = (edits: readonly Edit[], from: PolicyDocument = allai) => {
  const document = structuredClone(from);
  for (const edit of edits) edit.apply(document);
  return document;
};

const opposite: Record<string, string> = { added: 'removed', removed: 'added', increased: 'decreased', decreased: 'increased', stated: 'unstated', unstated: 'stated', changed: 'changed', renamed: 'renamed' };
const flip: Record<string, string> = { widens: 'narrows', narrows: 'widens', neutral: 'neutral' };

describe('the semantic diff on generated edits of ALLAI', () => {
  it('finds no change when lists and keys are reordered', () => {
    fc.assert(
      fc.property(fc.array(anyEdit, { maxLength: 3 }), fc.integer(), (edits, seed) => {
        const base = edited(edits);
        const shuffled = structuredClone(base);
        shuffled.declarations = reorder(base.declarations, shuffler(seed)) as PolicyDocument['declarations'];
        expect(diffDeclarations(base, shuffled)).toEqual([]);
      }),
      runs,
    );
  });

  it('reports exactly one change for one inserted item', () => {
    fc.assert(
      fc.property(insertion, (edit) => {
        const changes = classifyChanges(allai, edited([edit]));
        expect(changes, edit.name).toHaveLength(1);
        expect(changes[0]!.change).toBe('added');
        expect(changes[0]!.reason.length).toBeGreaterThan(10);
      }),
      runs,
    );
  });

  it('reports exactly one change for one word added to any list of words the schema has', () => {
    // Every set field of the schema, found in a document wherever it is written.
    type Place = { path: string; holder: Record<string, unknown>; key: string };
    const sets = modelFields().filter(({ field }) => field.shape === 'set');
    const placesIn = (document: PolicyDocument): Place[] => {
      const places: Place[] = [];
      const at = (value: unknown, parts: string[], path: string) => {
        if (value === undefined || value === null) return;
        const [part, ...rest] = parts;
        const list = part!.endsWith('[]');
        const key = list ? part!.slice(0, -2) : part!;
        const child = (value as Record<string, unknown>)[key];
        if (rest.length === 0) {
          if (Array.isArray(child)) places.push({ path, holder: value as Record<string, unknown>, key });
        } else if (list) for (const item of (child ?? []) as unknown[]) at(item, rest, path);
        else at(child, rest, path);
      };
      for (const { path } of sets) at(document, path.split('.'), path);
      return places;
    };
    expect(sets.length).toBeGreaterThan(15);
    const count = placesIn(allai).length;
    expect(new Set(placesIn(allai).map((place) => place.path)).size).toBeGreaterThan(10);
    fc.assert(
      fc.property(fc.nat({ max: count - 1 }), word, (index, text) => {
        const after = structuredClone(allai);
        const found = placesIn(after);
        const place = found[index]!;
        const values = place.holder[place.key] as string[];
        // A word that fits the field: enum lists take a value they lack, text lists a new text.
        const allowed = place.path.endsWith('.source') ? ['provided', 'automatic', 'third-party'] : place.path.endsWith('.kinds') ? ['access', 'erasure', 'portability', 'objection', 'complaint'] : place.path.endsWith('changes.channels') ? ['in-service', 'email', 'website'] : undefined;
        const fresh = allowed ? allowed.find((value) => !values.includes(value)) : `words ${text}`;
        if (fresh === undefined) return;
        place.holder[place.key] = [...values, fresh];
        const changes = classifyChanges(allai, after);
        expect(changes, `${place.path} + ${fresh}`).toHaveLength(1);
        expect(changes[0]).toMatchObject({ path: place.path, change: 'added', after: fresh });
      }),
      runs,
    );
  });

  it('mirrors: diff(b, a) has the opposite change for each change of diff(a, b), and widening and narrowing swap', () => {
    fc.assert(
      fc.property(fc.array(anyEdit, { minLength: 1, maxLength: 4 }), (edits) => {
        const after = edited(edits);
        const forward = classifyChanges(allai, after);
        const backward = classifyChanges(after, allai);
        const key = (change: { path: string; change: string }, turn: boolean) => `${change.path} ${turn ? opposite[change.change] : change.change}`;
        expect(forward.map((change) => key(change, true)).sort()).toEqual(backward.map((change) => key(change, false)).sort());
        for (const change of forward) {
          const mirror = backward.find((other) => other.path === change.path && other.subject === change.subject && other.field === change.field && other.change === opposite[change.change]);
          expect(mirror, `${change.path} ${change.change}`).toBeDefined();
          // Conditions in the policy's words count as wider both ways; a neutral change stays neutral or gains a side.
          if (change.direction !== 'neutral' && mirror!.direction !== 'neutral' && !change.path.endsWith('.condition')) expect(mirror!.direction, change.reason).toBe(flip[change.direction]);
        }
      }),
      runs,
    );
  });

  it('never needs more than a patch for labels and wording alone', () => {
    const labelled = ['categories', 'purposes', 'recipients', 'integrations'] as const;
    fc.assert(
      fc.property(fc.array(fc.record({ list: fc.constantFrom(...labelled), index: fc.nat({ max: 10 }), text: word }), { minLength: 1, maxLength: 5 }), word, (relabels, useLabel) => {
        const after = structuredClone(allai);
        for (const { list, index, text } of relabels) {
          const items = after.declarations[list] as { label: string }[];
          const item = items[index % items.length]!;
          item.label = `${item.label} ${text}`;
        }
        after.declarations.integrations[0]!.uses[0]!.label += ` ${useLabel}`;
        after.declarations.rights!.granted[0]!.label += ` ${useLabel}`;
        const changes = classifyChanges(allai, after);
        expect(changes.length).toBeGreaterThan(0);
        expect(changes.every((change) => !change.material && change.bump === 'patch' && change.action === 'none')).toBe(true);
        expect(requiredBump(changes, true)).toBe('patch');
      }),
      runs,
    );
  });
});
