import type { ErrorObject } from 'ajv';
import type { VFile } from 'vfile';
import type { RuleId } from '../diagnostics/catalog.ts';
import { offerFix, report } from '../diagnostics/report.ts';
import type { DataPath, YamlSource } from '../parse/yaml-source.ts';
import { closest } from './suggest.ts';
import { validatorFor } from './ajv.ts';

const formatRules: Record<string, RuleId> = {
  date: 'invalid-date',
  'iso-duration': 'invalid-duration',
  semver: 'invalid-version',
};

/**
 * Validate YAML data against a `$defs` entry of the policy schema and report each
 * problem at the exact key or value, with a rule id. Returns true when the data is valid.
 */
export function validateAgainst(file: VFile, source: YamlSource, definition: string, what: string): boolean {
  const validate = validatorFor(definition);
  if (source.data === null) {
    report(file, 'missing-key', `${upperFirst(what)} is empty`, source.locate([]));
    return false;
  }
  if (validate(source.data)) return true;
  const { kept, branches } = relevantErrors(validate.errors ?? []);
  for (const error of kept) {
    const [ruleId, reason, onKey, suggestion] = describe(error, { what, source, branches });
    const path = error.keyword === 'additionalProperties' ? [...pathOf(error), String(error.params.additionalProperty)] : pathOf(error);
    const message = report(file, ruleId, reason, source.locate(path, onKey));
    // Editors offer it as a quick fix replacing the place.
    const actual = error.keyword === 'additionalProperties' ? String(error.params.additionalProperty) : error.data;
    if (suggestion && typeof actual === 'string') offerFix(file, message, actual, suggestion);
  }
  return false;
}

/** JSON Pointer segments of an error's instancePath. */
function pathOf(error: ErrorObject): DataPath {
  if (error.instancePath === '') return [];
  return error.instancePath
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/**
 * ajv reports every failed branch of an `anyOf` before the anyOf error itself. Keep what
 * helps an editor: the deeper errors of the branch the value was meant for, a format error,
 * or else the anyOf alone, described by its branches ("`unstated` or a list").
 */
function relevantErrors(errors: readonly ErrorObject[]): { kept: ErrorObject[]; branches: Branches } {
  const dropped = new Set<ErrorObject>();
  const branchesOf = new Map<ErrorObject, ErrorObject[]>();
  errors.forEach((error, index) => {
    if (error.keyword !== 'anyOf') return;
    // Branch errors come just before; through $ref their schemaPath is the referenced one,
    // so match them by the value they are about.
    const branches = errors.slice(0, index).filter((other) => !dropped.has(other) && other.keyword !== 'anyOf' && within(other.instancePath, error.instancePath));
    branchesOf.set(error, branches);
    const deeper = branches.filter((other) => other.instancePath !== error.instancePath);
    const format = branches.find((other) => other.keyword === 'format');
    const keep = deeper.length > 0 ? deeper : format ? [format] : [error];
    for (const other of [error, ...branches]) if (!keep.includes(other)) dropped.add(other);
  });
  const seen = new Set<string>();
  const kept = errors.filter((error) => {
    if (dropped.has(error)) return false;
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { kept, branches: branchesOf };
}

/** The failed branches of each anyOf error, to describe the alternatives. */
type Branches = ReadonlyMap<ErrorObject, readonly ErrorObject[]>;

/** What describing an error needs besides the error. */
interface Describe {
  what: string;
  source: YamlSource;
  branches: Branches;
}

function within(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}/`);
}

/** "`unstated` or a list", from the failed branches of an anyOf. */
function alternatives(error: ErrorObject, branches: Branches): string {
  const options = new Set<string>();
  for (const branch of branches.get(error) ?? []) {
    const params = branch.params as Record<string, unknown>;
    if (branch.keyword === 'const') options.add(`\`${String(params.allowedValue)}\``);
    else if (branch.keyword === 'enum') options.add(`one of ${list((params.allowedValues as unknown[]).map(String))}`);
    else if (branch.keyword === 'type') options.add(article(String(params.type)));
    else if (branch.keyword === 'format') options.add(formatExpectation(String(params.format)));
  }
  return options.size > 0 ? [...options].join(' or ') : 'another value';
}

/** The rule, the plain reason, whether to point at the key rather than the value, and a likely fix. */
function describe(error: ErrorObject, { what, source, branches }: Describe): [RuleId, string, boolean, (string | undefined)?] {
  const where = placeName(error, what, source.data);
  const params = error.params as Record<string, unknown>;
  const schema = error.parentSchema as { properties?: Record<string, unknown>; description?: string } | undefined;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys(schema?.properties ?? {});
      const suggestion = closest(key, allowed);
      return [
        'unknown-key',
        `Unexpected key \`${key}\` in ${where}, ${suggestion ? `did you mean \`${suggestion}\`?` : `expected one of ${list(allowed)}`}`,
        true,
        suggestion,
      ];
    }
    case 'required':
      return ['missing-key', `Missing key \`${String(params.missingProperty)}\` in ${where}`, false];
    case 'type': {
      // YAML reads `version: 1.0` as the number 1 and `effective: 2025` as 2025: show what was
      // written, and judge it as the version or date it was meant to be.
      const format = (error.parentSchema as { format?: string } | undefined)?.format;
      const written = source.text(pathOf(error));
      if (params.type === 'string' && format && formatRules[format] && typeof error.data !== 'object') {
        return [formatRules[format]!, `Unexpected \`${written}\` for ${where}, expected ${formatExpectation(format)} (write it in quotes if it is one)`, false];
      }
      const found = typeof error.data === 'number' || typeof error.data === 'boolean' ? `\`${written}\`` : describeValue(error.data);
      return ['wrong-type', `Expected ${article(String(params.type))} for ${where}, found ${found}`, false];
    }
    case 'format': {
      const rule = formatRules[String(params.format)] ?? 'invalid-value';
      return [rule, `Unexpected ${describeValue(error.data)} for ${where}, expected ${formatExpectation(String(params.format))}`, false];
    }
    case 'enum':
    case 'const': {
      const allowed = (error.keyword === 'enum' ? (params.allowedValues as unknown[]) : [params.allowedValue]).map(String);
      const suggestion = typeof error.data === 'string' ? closest(error.data, allowed) : undefined;
      return [
        'invalid-value',
        `Unexpected ${describeValue(error.data)} for ${where}, ${suggestion ? `did you mean \`${suggestion}\`?` : `expected one of ${list(allowed)}`}`,
        false,
        suggestion,
      ];
    }
    case 'anyOf': {
      const expected = alternatives(error, branches);
      // `source: provided` where a list is expected: show the fix.
      const asList = typeof error.data === 'string' && expected.includes('a list') ? `; to give one value as a list write \`[${error.data}]\`` : '';
      return ['invalid-value', `Unexpected ${describeValue(error.data)} for ${where}, expected ${expected}${asList}`, false];
    }
    case 'pattern':
      return ['invalid-value', `Unexpected ${describeValue(error.data)} for ${where}, expected ${patternHint(schema?.description)}`, false];
    case 'minItems':
      return ['invalid-value', `Expected at least ${String(params.limit)} item(s) in ${where}`, false];
    case 'minLength':
      return ['invalid-value', `Expected text for ${where}, found an empty string`, false];
    case 'minProperties':
      return ['invalid-value', `Expected at least one declaration in ${where}`, false];
    case 'uniqueItems':
      return ['invalid-value', `Unexpected repeated item in ${where} (items ${String(params.j)} and ${String(params.i)} are the same)`, false];
    case 'minimum':
    case 'maximum':
      return ['invalid-value', `Unexpected ${describeValue(error.data)} for ${where}, expected a number ${error.keyword === 'minimum' ? '>=' : '<='} ${String(params.limit)}`, false];
    default:
      return ['invalid-value', `Unexpected ${describeValue(error.data)} for ${where}: ${error.message ?? 'invalid'}`, false];
  }
}

const singular: Record<string, string> = {
  categories: 'category', purposes: 'purpose', recipients: 'recipient', integrations: 'integration',
  retention: 'retention rule', transfers: 'transfer', granted: 'right',
};

/**
 * Name a place as an editor thinks of it: "`basis` of purpose `account`", or for entries
 * without an id "`period` of retention rule 2" (counting from 1 within the block).
 */
function placeName(error: ErrorObject, what: string, data: unknown): string {
  const path = pathOf(error);
  if (path.length === 0) return what;
  // The innermost list entry on the path names the thing; what follows is the key in it.
  let owner = '';
  let rest: (string | number)[] = [...path];
  let value: unknown = data;
  path.forEach((segment, index) => {
    value = (value as Record<string | number, unknown> | undefined)?.[segment];
    if (typeof segment === 'number' && index > 0) {
      const kind = singular[String(path[index - 1])] ?? `${String(path[index - 1])} entry`;
      const id = (value as { id?: unknown } | undefined)?.id;
      owner = typeof id === 'string' ? `${kind} \`${id}\`` : `${kind} ${segment + 1}`;
      rest = path.slice(index + 1) as (string | number)[];
    }
  });
  const key = rest.map((segment, index) => (typeof segment === 'number' ? `[${segment + 1}]` : index === 0 ? segment : `.${segment}`)).join('');
  if (!owner) return `\`${key}\``;
  return key ? `\`${key}\` of ${owner}` : owner;
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function formatExpectation(format: string): string {
  const expected: Record<string, string> = {
    date: 'a real date written YYYY-MM-DD',
    'iso-duration': 'an ISO 8601 duration such as P30D or P2Y',
    semver: 'a semantic version such as 1.0.0',
  };
  return expected[format] ?? `the ${format} format`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return value === '' ? 'an empty string' : `\`${value.length > 60 ? `${value.slice(0, 57)}...` : value}\``;
  return `${typeof value} \`${String(value)}\``;
}

function article(type: string): string {
  const names: Record<string, string> = { array: 'a list', object: 'a mapping', string: 'a text', integer: 'a whole number', number: 'a number', boolean: '`true` or `false`', null: 'nothing' };
  return type.split(',').map((part) => names[part] ?? part).join(' or ');
}

function patternHint(description: string | undefined): string {
  return description ? lowerFirst(description.split('. ')[0]!.replace(/\.$/, '')) : 'another value';
}

function list(values: readonly string[]): string {
  return values.map((value) => `\`${value}\``).join(', ');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, '');
}
