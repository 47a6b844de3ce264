// The fields of the policy model, read from the JSON Schema: what the semantic diff walks,
// what the rule table is keyed by, and what the completeness test enumerates. Nothing here
// lists a field by hand; a new schema property appears here (and needs a rule) by itself.
import schemaFile from '../../schema/policy.schema.json' with { type: 'json' };

// Imported as data (not read from disk): the core never touches the file system.
const policySchema = schemaFile as unknown as { $defs: Record<string, Record<string, unknown>> };

/** How a value is compared: a length of time, a number, or as-is. */
export type Measure = 'duration' | 'number' | 'retention' | 'plain';

/** The shape of one field of the model, as the diff compares it. */
export type FieldNode =
  | { shape: 'object'; path: string; properties: Record<string, FieldNode> }
  /** A list of objects matched by `id` (renames through `renamedFrom`) or by the schema's `x-identity` keys. */
  | { shape: 'list'; path: string; item: Extract<FieldNode, { shape: 'object' }>; identity: 'id' | readonly string[] }
  /** A list of strings compared as a set; `unstated` when the schema allows that instead. */
  | { shape: 'set'; path: string; unstated: boolean }
  /** `all` or ids of the declaration list named `target`. */
  | { shape: 'references'; path: string; target: string }
  /** A single value. */
  | { shape: 'value'; path: string; measure: Measure; unstated: boolean; values?: readonly unknown[] };

/** The kinds of change the diff reports, as `change` on a classified change. */
export type ChangeKind = 'added' | 'removed' | 'renamed' | 'changed' | 'increased' | 'decreased' | 'stated' | 'unstated';

type Schema = Record<string, unknown>;

/** Keys that instruct the diff rather than state a fact about processing. */
const instructionKeys: ReadonlySet<string> = new Set(['renamedFrom']);

/**
 * Properties compared together as one fact: a retention rule keeps data for a period, until
 * an event, or by criteria; replacing one by another is one change of how long data is kept.
 */
const composites: Record<string, { name: string; keys: readonly string[]; measure: Measure }> = {
  'declarations.retention[]': { name: 'term', keys: ['period', 'until', 'criteria'], measure: 'retention' },
};

function resolve(schema: Schema): Schema {
  let current = schema;
  while (typeof current.$ref === 'string') {
    const name = current.$ref.replace('#/$defs/', '');
    const { $ref: _ref, ...rest } = current;
    current = { ...(policySchema.$defs[name] as Schema), ...rest };
  }
  return current;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

const isUnstated = (schema: Schema) => resolve(schema).const === 'unstated';

function node(schema: Schema, path: string, key: string): FieldNode {
  const resolved = resolve(schema);
  const variants = Array.isArray(resolved.anyOf) ? (resolved.anyOf as Schema[]) : undefined;
  if (variants) {
    if (variants.some((variant) => resolve(variant).const === 'all')) return { shape: 'references', path, target: key };
    const unstated = variants.some(isUnstated);
    const rest = variants.filter((variant) => !isUnstated(variant));
    if (rest.length !== 1) throw new Error(`The semantic diff cannot compare ${path}: an anyOf of several kinds of value`);
    const inner = node(rest[0]!, path, key);
    if (inner.shape === 'set' || inner.shape === 'value') return { ...inner, unstated: inner.unstated || unstated };
    throw new Error(`The semantic diff cannot compare ${path}: \`unstated\` or an object`);
  }
  if (resolved.type === 'array') {
    const items = resolve(resolved.items as Schema);
    if (items.type === 'object') {
      const item = objectNode(items, `${path}[]`);
      const identity = 'id' in item.properties ? 'id' : (items['x-identity'] as string[] | undefined);
      if (!identity) throw new Error(`The semantic diff cannot match the items of ${path}: give them an \`id\` or declare \`x-identity\` in the schema`);
      return { shape: 'list', path, item, identity };
    }
    if (Array.isArray(items.anyOf) && items.anyOf.some((variant) => resolve(variant as Schema).const === 'all')) throw new Error(`${path}: a list of references`);
    return { shape: 'set', path, unstated: false };
  }
  if (resolved.type === 'object') return objectNode(resolved, path);
  const values = Array.isArray(resolved.enum) ? (resolved.enum as unknown[]) : undefined;
  const measure: Measure = resolved.format === 'iso-duration' ? 'duration' : resolved.type === 'integer' || resolved.type === 'number' ? 'number' : 'plain';
  return { shape: 'value', path, measure, unstated: values?.includes('unstated') ?? false, ...(values ? { values } : {}) };
}

function objectNode(schema: Schema, path: string): Extract<FieldNode, { shape: 'object' }> {
  const properties: Record<string, FieldNode> = {};
  const composite = composites[path];
  for (const [key, child] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
    if (instructionKeys.has(key)) continue;
    if (composite?.keys.includes(key)) continue;
    properties[key] = node(child, join(path, key), key);
  }
  if (composite) properties[composite.name] = { shape: 'value', path: join(path, composite.name), measure: composite.measure, unstated: false };
  return { shape: 'object', path, properties };
}

const rootSchema: Schema = { properties: { meta: { $ref: '#/$defs/frontMatter' }, declarations: { $ref: '#/$defs/declarations' } }, required: ['meta', 'declarations'] };

/** The model's root: the front matter and the merged declarations, as the schema defines them. */
export const modelRoot: Extract<FieldNode, { shape: 'object' }> = objectNode(rootSchema, '');

/**
 * The declaration lists references point at: a reference field is named after the list whose
 * ids it holds (`categories: [contact]`). A reference to anything else is a schema error.
 */
export const referenceTargets: readonly string[] = (() => {
  const targets = new Set<string>();
  const walk = (object: Extract<FieldNode, { shape: 'object' }>) => {
    for (const field of Object.values(object.properties)) {
      if (field.shape === 'references') targets.add(field.target);
      if (field.shape === 'object') walk(field);
      if (field.shape === 'list') walk(field.item);
    }
  };
  walk(modelRoot);
  const declarations = modelRoot.properties.declarations as Extract<FieldNode, { shape: 'object' }>;
  for (const target of targets) {
    const list = declarations.properties[target];
    if (list?.shape !== 'list' || list.identity !== 'id') throw new Error(`A reference field \`${target}\` must name a declaration list with ids`);
  }
  return [...targets];
})();

type ListNode = Extract<FieldNode, { shape: 'list' }>;

/** The declaration lists, by name, as the schema defines them. */
const declarationLists: ReadonlyMap<string, ListNode> = new Map(
  Object.entries((modelRoot.properties.declarations as Extract<FieldNode, { shape: 'object' }>).properties).flatMap(([name, field]): [string, ListNode][] => (field.shape === 'list' ? [[name, field]] : [])),
);

/** The declaration lists whose items have permanent ids (`categories`, `purposes`, ...). */
export const identifiedLists: readonly string[] = [...declarationLists].filter(([, list]) => list.identity === 'id').map(([name]) => name);

/** A declaration list (`transfers`) as the schema defines it, if there is one by that name. */
export function declarationList(name: string): ListNode | undefined {
  return declarationLists.get(name);
}

/** A readable name for an item of a list: its id, or the value of its first identity key (the schema's `x-identity`). */
export function itemSubject(list: ListNode, item: Record<string, unknown>): string {
  if (list.identity === 'id') return item.id as string;
  const value = item[list.identity[0]!];
  return Array.isArray(value) ? value.join(', ') : String(value ?? '');
}

/** The identity keys (`x-identity`) of every list whose items have no id, anywhere in the model. */
export const identities: readonly (readonly string[])[] = (() => {
  const found: (readonly string[])[] = [];
  const walk = (object: Extract<FieldNode, { shape: 'object' }>) => {
    for (const field of Object.values(object.properties)) {
      if (field.shape === 'object') walk(field);
      if (field.shape === 'list') {
        if (field.identity !== 'id') found.push(field.identity);
        walk(field.item);
      }
    }
  };
  walk(modelRoot);
  return found;
})();

/** The composite fields: which object keys the diff reads as one value. */
export function compositeOf(path: string): { name: string; keys: readonly string[] } | undefined {
  return composites[path];
}

/** The kinds of change a field can have, by its shape: what the rule table must cover. */
function changeKindsOf(field: FieldNode, optional: boolean): ChangeKind[] {
  switch (field.shape) {
    case 'object':
      return optional ? ['added', 'removed'] : [];
    case 'list':
      return field.identity === 'id' ? ['added', 'removed', 'renamed'] : ['added', 'removed'];
    case 'set':
      return field.unstated ? ['added', 'removed', 'stated', 'unstated'] : ['added', 'removed'];
    case 'references':
      return ['added', 'removed'];
    case 'value': {
      const kinds: ChangeKind[] = field.measure === 'plain' ? ['changed'] : field.measure === 'number' || field.measure === 'duration' ? ['increased', 'decreased'] : ['increased', 'decreased', 'changed'];
      if (field.unstated) kinds.push('stated', 'unstated');
      if (optional) kinds.push('added', 'removed');
      return kinds;
    }
  }
}

/** Every field of the model with the change kinds it can have, in schema order. */
export function modelFields(): { path: string; field: FieldNode; kinds: ChangeKind[] }[] {
  const fields: { path: string; field: FieldNode; kinds: ChangeKind[] }[] = [];
  const required = (path: string): Set<string> => {
    const schema = schemaAt(path);
    return new Set((schema?.required as string[] | undefined) ?? []);
  };
  const walk = (object: Extract<FieldNode, { shape: 'object' }>) => {
    const mandatory = required(object.path);
    for (const [key, child] of Object.entries(object.properties)) {
      if (key === 'id' && isIdentified(object.path)) continue;
      const optional = !mandatory.has(key) && key !== compositeOf(object.path)?.name;
      const kinds = changeKindsOf(child, optional);
      if (kinds.length > 0) fields.push({ path: child.path, field: child, kinds });
      if (child.shape === 'object') walk(child);
      if (child.shape === 'list') walk(child.item);
    }
  };
  walk(modelRoot);
  return fields;
}

/** Items of a list matched by `id`: their id is their identity, never a changed value. */
const isIdentified = (path: string) => path.endsWith('[]');

/** The schema object at a model path (for its `required` list). */
function schemaAt(path: string): Schema | undefined {
  let schema: Schema = rootSchema;
  for (const part of path.split('.').filter(Boolean)) {
    const list = part.endsWith('[]');
    const key = list ? part.slice(0, -2) : part;
    const next = (resolve(schema).properties as Record<string, Schema> | undefined)?.[key];
    if (!next) return undefined;
    schema = resolve(next);
    if (list) schema = resolve(schema.items as Schema);
  }
  return resolve(schema);
}
