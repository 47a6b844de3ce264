import type { ErrorObject } from 'ajv';
import type { VFile } from 'vfile';
import type { RuleId } from '../diagnostics/catalog.ts';
import { report } from '../diagnostics/report.ts';
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
  if (validate(source.data)) return true;
  for (const error of relevantErrors(validate.errors ?? [])) {
    const [ruleId, reason, onKey] = describe(error, what);
    const path = error.keyword === 'additionalProperties' ? [...pathOf(error), String(error.params.additionalProperty)] : pathOf(error);
    report(file, ruleId, reason, source.locate(path, onKey));
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
 * ajv reports every failed branch of an `anyOf`. Keep what helps an editor: the deeper errors
 * of the branch the value was meant for, a format error, or else one message for the anyOf.
 */
function relevantErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  for (const anyOf of errors.filter((error) => error.keyword === 'anyOf')) {
    const branches = errors.filter((error) => error !== anyOf && error.schemaPath.startsWith(`${anyOf.schemaPath}/`));
    const deeper = branches.filter((error) => error.instancePath !== anyOf.instancePath);
    const format = branches.find((error) => error.keyword === 'format');
    const keep = deeper.length > 0 ? deeper : format ? [format] : [anyOf];
    for (const error of [anyOf, ...branches]) if (!keep.includes(error)) dropped.add(error);
  }
  // Only one message per missing or unknown key, and one type error per value.
  const seen = new Set<string>();
  return errors.filter((error) => {
    if (dropped.has(error)) return false;
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The rule, the plain reason and whether to point at the key rather than the value. */
function describe(error: ErrorObject, what: string): [RuleId, string, boolean] {
  const where = placeName(error, what);
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
      ];
    }
    case 'required':
      return ['missing-key', `Missing key \`${String(params.missingProperty)}\` in ${where}`, false];
    case 'type':
      return ['wrong-type', `Expected ${article(String(params.type))} for ${where}, found ${describeValue(error.data)}`, false];
    case 'format': {
      const rule = formatRules[String(params.format)] ?? 'invalid-value';
      const expected: Record<string, string> = {
        'invalid-date': 'a real date written YYYY-MM-DD',
        'invalid-duration': 'an ISO 8601 duration such as P30D or P2Y',
        'invalid-version': 'a semantic version such as 1.0.0',
        'invalid-value': `the ${String(params.format)} format`,
      };
      return [rule, `Unexpected ${describeValue(error.data)} for ${where}, expected ${expected[rule]}`, false];
    }
    case 'enum':
    case 'const': {
      const allowed = (error.keyword === 'enum' ? (params.allowedValues as unknown[]) : [params.allowedValue]).map(String);
      const suggestion = typeof error.data === 'string' ? closest(error.data, allowed) : undefined;
      return [
        'invalid-value',
        `Unexpected ${describeValue(error.data)} for ${where}, ${suggestion ? `did you mean \`${suggestion}\`?` : `expected one of ${list(allowed)}`}`,
        false,
      ];
    }
    case 'anyOf':
      return ['invalid-value', `Unexpected ${describeValue(error.data)} for ${where}, expected ${lowerFirst(schema?.description ?? 'another value')}`, false];
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

/** "`basis` of purposes[2]" rather than a JSON Pointer. */
function placeName(error: ErrorObject, what: string): string {
  const path = pathOf(error);
  if (path.length === 0) return what;
  let name = '';
  for (const segment of path) name += typeof segment === 'number' ? `[${segment}]` : name === '' ? segment : `.${segment}`;
  return `\`${name}\``;
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
