import { canonicalJson } from '../model/canonical.ts';
import { durationDays } from '../model/duration.ts';
import type { Declarations, FrontMatter } from '../model/policy.generated.ts';
import { compositeOf, itemSubject, modelRoot, referenceTargets, type ChangeKind, type FieldNode, type Measure } from './fields.ts';

/** What the semantic diff compares: a policy's front matter and its merged declarations. */
export interface PolicyModel {
  meta: FrontMatter;
  declarations: Declarations;
}

/** A declared item a change sits in: the list it belongs to (`integrations`) and its id or identity. */
export interface Owner {
  list: string;
  subject: string;
}

interface ChangeBase {
  /** The field's path in the schema, e.g. `declarations.purposes[].basis`: the rule table's key. */
  path: string;
  /** The innermost declared item the change is in (or the item added or removed); for single declarations, their name. */
  subject: string;
  /** The declared items it sits in, outermost first (an integration, then one of its uses). */
  owners: Owner[];
  /** The property that changed, when the change is inside an item. */
  field?: string;
}

/**
 * One fact that differs between two versions. A discriminated union by `change`: an added
 * item has only `after`, a removed one only `before`; a rename carries the old and new ids.
 */
export type DeclarationChange = ChangeBase &
  (
    | { change: 'added'; after: unknown; /** For a new declared item: the references that reach it (`purposes/analytics`), reported with it, not apart. */ reachedBy?: string[] }
    | { change: 'removed'; before: unknown }
    | { change: 'renamed'; before: string; after: string }
    | { change: Exclude<ChangeKind, 'added' | 'removed' | 'renamed'>; before: unknown; after: unknown }
  );

type Json = Record<string, unknown>;
type ObjectNode = Extract<FieldNode, { shape: 'object' }>;

/** Two durations this close (P1Y and P12M) are the same period. */
const sameDurationDays = 2;

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);


interface Context {
  before: PolicyModel;
  after: PolicyModel;
  /** Per declaration list: old id → new id, from `renamedFrom`. */
  renames: Map<string, Map<string, string>>;
  /** Per declaration list: the ids of each side. */
  ids: { before: Map<string, Set<string>>; after: Map<string, Set<string>> };
  /** Per declaration list: the ids (after renames) declared in both versions; references to others are consequences of an addition or removal. */
  inBoth: Map<string, Set<string>>;
  changes: DeclarationChange[];
}

/**
 * The semantic diff of two policy versions, driven by the JSON Schema: lists of declared
 * items are matched by `id` (an id declared `renamedFrom` the old one is a rename) or by the
 * identity keys the schema declares (`x-identity`), never by position; string lists are
 * sets; `unstated` is a value of its own. One fact gives one change: an item added is one
 * change, with the references that reach it (through `all` or by id) listed on it.
 */
export function diffDeclarations(before: PolicyModel, after: PolicyModel): DeclarationChange[] {
  const context: Context = { before, after, renames: new Map(), ids: { before: new Map(), after: new Map() }, inBoth: new Map(), changes: [] };
  for (const target of referenceTargets) {
    const previous = (before.declarations as unknown as Record<string, { id: string }[]>)[target] ?? [];
    const next = (after.declarations as unknown as Record<string, { id: string; renamedFrom?: string }[]>)[target] ?? [];
    context.ids.before.set(target, new Set(previous.map((item) => item.id)));
    context.ids.after.set(target, new Set(next.map((item) => item.id)));
    const renames = renamesOf(previous, next);
    context.renames.set(target, renames);
    const renamed = new Set(renames.values());
    context.inBoth.set(target, new Set(next.map((item) => item.id).filter((id) => context.ids.before.get(target)!.has(id) || renamed.has(id))));
  }
  diffObject(context, modelRoot, before as unknown as Json, after as unknown as Json, []);
  for (const change of context.changes) {
    if (change.change === 'added' && change.owners.length === 0 && isTarget(change.path)) {
      const reachedBy = referencesTo(context, listKey(change.path), change.subject);
      if (reachedBy.length > 0) change.reachedBy = reachedBy;
    }
  }
  return context.changes;
}

/** Old id → new id for the items that say `renamedFrom` an id that is gone: the one reading of `renamedFrom`. */
export function renamesOf(before: readonly { id: string }[], after: readonly { id: string; renamedFrom?: string }[]): Map<string, string> {
  const old = new Set(before.map((item) => item.id));
  const current = new Set(after.map((item) => item.id));
  const renames = new Map<string, string>();
  for (const item of after) {
    if (item.renamedFrom !== undefined && old.has(item.renamedFrom) && !current.has(item.renamedFrom) && !old.has(item.id)) renames.set(item.renamedFrom, item.id);
  }
  return renames;
}

const listKey = (path: string) => path.split('.').at(-1)!.replace('[]', '');
const isTarget = (path: string) => referenceTargets.includes(listKey(path)) && path.startsWith('declarations.');

function diffObject(context: Context, node: ObjectNode, a: Json | undefined, b: Json | undefined, owners: Owner[]): void {
  const composite = compositeOf(node.path);
  for (const [key, field] of Object.entries(node.properties)) {
    if (key === 'id' && node.path.endsWith('[]')) continue;
    const pick = (value: Json | undefined) => {
      if (value === undefined) return undefined;
      if (composite?.name !== key) return value[key];
      const parts = Object.fromEntries(composite.keys.filter((part) => value[part] !== undefined).map((part) => [part, value[part]]));
      return Object.keys(parts).length > 0 ? parts : undefined;
    };
    diffField(context, field, key, pick(a), pick(b), owners);
  }
}

function diffField(context: Context, node: FieldNode, key: string, a: unknown, b: unknown, owners: Owner[]): void {
  if (a === undefined && b === undefined) return;
  const base = placeOf(node.path, owners, key);
  const push = (change: DeclarationChange): void => void context.changes.push(change);
  switch (node.shape) {
    case 'object':
      if (a === undefined) return push({ ...base, change: 'added', after: b });
      if (b === undefined) return push({ ...base, change: 'removed', before: a });
      return diffObject(context, node, a as Json, b as Json, owners);
    case 'list':
      return diffList(context, node, key, (a ?? []) as Json[], (b ?? []) as Json[], owners);
    case 'set': {
      if (node.unstated && (a === 'unstated' || b === 'unstated')) {
        if (a === b) return;
        if (a === 'unstated') return push({ ...base, change: 'stated', before: a, after: b });
        if (b === 'unstated') return push({ ...base, change: 'unstated', before: a, after: b });
      }
      const previous = (a ?? []) as unknown[];
      const next = (b ?? []) as unknown[];
      for (const item of next) if (!previous.some((old) => same(old, item))) push({ ...base, change: 'added', after: item });
      for (const item of previous) if (!next.some((other) => same(other, item))) push({ ...base, change: 'removed', before: item });
      return;
    }
    case 'references': {
      const target = node.target;
      const previous = resolveReferences(context, 'before', target, a);
      const next = resolveReferences(context, 'after', target, b);
      // A reference to an item added or removed is a consequence of that addition or removal.
      const current = context.ids.after.get(target)!;
      const existed = context.ids.before.get(target)!;
      const renamed = new Set(context.renames.get(target)!.values());
      for (const id of next) if (!previous.has(id) && (existed.has(id) || renamed.has(id))) push({ ...base, change: 'added', after: id });
      for (const id of previous) if (!next.has(id) && current.has(id)) push({ ...base, change: 'removed', before: id });
      return;
    }
    case 'value': {
      if (same(a, b)) return;
      if (a === undefined) return push({ ...base, change: 'added', after: b });
      if (b === undefined) return push({ ...base, change: 'removed', before: a });
      if (node.unstated && a === 'unstated') return push({ ...base, change: 'stated', before: a, after: b });
      if (node.unstated && b === 'unstated') return push({ ...base, change: 'unstated', before: a, after: b });
      const moved = compareValues(node.measure, a, b);
      // P1Y and P12M are the same period written differently: not a change of what is done.
      if (moved !== 'same') push({ ...base, change: moved, before: a, after: b });
      return;
    }
  }
}

/**
 * Where a change is, in words: inside a declared item, its subject is the item and its field
 * the path below it (`onDisconnect.access`); elsewhere, the declaration (`children`) and the field.
 */
function placeOf(path: string, owners: Owner[], key: string): ChangeBase {
  const owner = owners.at(-1);
  if (owner) return { path, subject: owners[0]!.subject, owners, field: path.slice(path.indexOf('[].') + 3) };
  const parts = path.split('.');
  return { path, subject: parts[1] ?? key, owners, ...(parts.length > 2 ? { field: parts.slice(2).join('.') } : {}) };
}

/** The ids a reference stands for, with old ids renamed to the after side's ids. */
function resolveReferences(context: Context, side: 'before' | 'after', target: string, value: unknown): Set<string> {
  const ids = value === undefined || value === 'all' ? [...context.ids[side].get(target)!] : (value as string[]);
  const renames = context.renames.get(target)!;
  return new Set(side === 'before' ? ids.map((id) => renames.get(id) ?? id) : ids);
}


/** Which way a value moved: a longer or shorter time, a higher or lower number, or just changed. */
function compareValues(measure: Measure, a: unknown, b: unknown): 'increased' | 'decreased' | 'changed' | 'same' {
  const length = (value: unknown): number => {
    if (measure === 'number') return Number(value);
    if (measure === 'duration') return durationDays(String(value));
    if (measure === 'retention') return retentionDays(value as Json, (value === a ? b : a) as Json);
    return Number.NaN;
  };
  const before = length(a);
  const after = length(b);
  if (Number.isNaN(before) || Number.isNaN(after)) return 'changed';
  if (before === after || (measure !== 'number' && Math.abs(after - before) <= sameDurationDays)) return 'same';
  return after > before ? 'increased' : 'decreased';
}

/**
 * How long a retention term keeps data, in days: a period is its length; criteria ("as long as
 * necessary") state no limit; until an event is comparable only with the same event.
 */
function retentionDays(term: Json, other: Json): number {
  if (typeof term.period === 'string') return durationDays(term.period);
  if (term.until !== undefined) {
    const until = term.until as { event: string; then?: string };
    // Until the same event on both sides compares by the time kept after it; against anything else it does not compare.
    const otherUntil = other.until as { event: string } | undefined;
    return otherUntil?.event === until.event ? durationDays(until.then ?? 'P0D') : Number.NaN;
  }
  return Number.POSITIVE_INFINITY;
}

function diffList(context: Context, node: Extract<FieldNode, { shape: 'list' }>, key: string, a: Json[], b: Json[], owners: Owner[]): void {
  // A declaration list's items are subjects of their own; a list inside something is a field of it.
  const topLevel = owners.length === 0 && node.path.split('.').length === 2;
  const place = (item: Json) => (topLevel ? { path: node.path, owners, subject: itemSubject(node, item) } : placeOf(node.path, owners, key));
  const pairs: [Json, Json][] = [];
  let previous = [...a];
  let next = [...b];
  if (node.identity === 'id') {
    const renames = owners.length === 0 ? (context.renames.get(key) ?? renamesOf(a as { id: string }[], b as { id: string }[])) : renamesOf(a as { id: string }[], b as { id: string }[]);
    for (const item of b) {
      const old = a.find((candidate) => candidate.id === item.id) ?? a.find((candidate) => renames.get(candidate.id as string) === item.id);
      if (old) pairs.push([old, item]);
    }
    previous = a.filter((item) => !pairs.some(([old]) => old === item));
    next = b.filter((item) => !pairs.some(([, current]) => current === item));
    for (const [old, item] of pairs) {
      if (old.id !== item.id) context.changes.push({ ...place(item), ...(topLevel ? { subject: item.id as string } : {}), change: 'renamed', before: old.id as string, after: item.id as string });
    }
  } else {
    // Exact matches first (a reordering is no change), then by each identity key in turn.
    const match = (keyOf: (item: Json, side: 'before' | 'after') => string) => {
      for (const item of [...next]) {
        const wanted = keyOf(item, 'after');
        const old = previous.find((candidate) => keyOf(candidate, 'before') === wanted);
        if (!old) continue;
        pairs.push([old, item]);
        previous = previous.filter((candidate) => candidate !== old);
        next = next.filter((candidate) => candidate !== item);
      }
    };
    match((item, side) => canonicalJson(normalised(context, node.item, item, side)));
    for (const identity of node.identity) match((item, side) => canonicalJson(normalised(context, node.item, item, side)[identity] ?? null));
  }
  for (const [old, item] of pairs) {
    const subject = itemSubject(node, item);
    diffObject(context, node.item, old, item, [...owners, { list: key, subject }]);
  }
  for (const item of next) context.changes.push({ ...place(item), change: 'added', after: item });
  for (const item of previous) context.changes.push({ ...place(item), change: 'removed', before: item });
}

/** An item with its sets sorted and references resolved, so equal meaning compares equal. */
function normalised(context: Context, node: ObjectNode, item: Json, side: 'before' | 'after'): Json {
  return Object.fromEntries(
    Object.entries(item).map(([key, value]) => {
      const field = node.properties[key];
      if (field?.shape === 'references') return [key, [...resolveReferences(context, side, field.target, value)].filter((id) => context.inBoth.get(field.target)!.has(id)).sort()];
      if (field?.shape === 'set' && Array.isArray(value)) return [key, [...value].map(String).sort()];
      return [key, value];
    }),
  );
}


/** Where an added item is referenced from, as `list/subject` (e.g. `purposes/analytics`). */
function referencesTo(context: Context, target: string, id: string): string[] {
  const found: string[] = [];
  const walk = (node: ObjectNode, value: Json | undefined, where: string) => {
    if (value === undefined) return;
    for (const [key, field] of Object.entries(node.properties)) {
      if (field.shape === 'references' && field.target === target && resolveReferences(context, 'after', target, value[key]).has(id)) found.push(where);
      if (field.shape === 'object') walk(field, value[key] as Json | undefined, where || key);
      if (field.shape === 'list') {
        for (const item of (value[key] ?? []) as Json[]) walk(field.item, item, where ? `${where}/${itemSubject(field, item)}` : `${key}/${itemSubject(field, item)}`);
      }
    }
  };
  walk(modelRoot.properties.declarations as ObjectNode, context.after.declarations as unknown as Json, '');
  return found;
}
