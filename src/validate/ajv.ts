import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import semver from 'semver';
import { isoDuration } from '../classify/duration.ts';


const load = (name: string) => JSON.parse(readFileSync(new URL(`../../schema/${name}`, import.meta.url), 'utf8')) as { $id: string };

/** The schema files, loaded once: they are the single source of the model. */
export const policySchema = load('policy.schema.json');
const otherSchemas = ['change.schema.json', 'manifest.schema.json', 'notify-config.schema.json'].map(load);

let ajv: Ajv2020 | undefined;

/** Keywords our schemas carry for other readers: json-schema-to-typescript (`tsType`) and editors' completion (`enumDescriptions`, `defaultSnippets`). */
export const annotationKeywords = ['tsType', 'enumDescriptions', 'defaultSnippets'] as const;

/** The shared ajv instance, with the schema and its formats registered. Compiled on first use. */
function instance(): Ajv2020 {
  if (ajv) return ajv;
  ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
  // ajv-formats is CommonJS: its default export arrives wrapped under Node's ESM loader.
  const formats = ((addFormats as unknown as { default?: unknown }).default ?? addFormats) as (ajv: Ajv2020, names: string[]) => void;
  formats(ajv, ['date']);
  ajv.addFormat('iso-duration', { type: 'string', validate: (value: string) => isoDuration.test(value) });
  ajv.addFormat('semver', { type: 'string', validate: (value: string) => semver.valid(value) === value });
  ajv.addVocabulary([...annotationKeywords]);
  ajv.addSchema(policySchema);
  for (const schema of otherSchemas) ajv.addSchema(schema);
  return ajv;
}

/** The validator of one `$defs` entry of the policy schema, or of a whole schema by file name. */
export function validatorFor(definition: string): ValidateFunction {
  const id = definition.endsWith('.schema.json') ? policySchema.$id.replace('policy.schema.json', definition) : `${policySchema.$id}#/$defs/${definition}`;
  const found = instance().getSchema(id);
  if (!found) throw new Error(`no schema ${id}`);
  return found;
}
