import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import semver from 'semver';

/** ISO 8601 durations as policies use them: P30D, P6M, P1Y6M, PT12H, P2W. */
const isoDuration = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

/** The schema file, loaded once: it is the single source of the model. */
export const policySchema = JSON.parse(
  readFileSync(new URL('../../schema/policy.schema.json', import.meta.url), 'utf8'),
) as { $id: string };

let ajv: Ajv2020 | undefined;

/** The shared ajv instance, with the schema and its formats registered. Compiled on first use. */
function instance(): Ajv2020 {
  if (ajv) return ajv;
  ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
  // ajv-formats is CommonJS: its default export arrives wrapped under Node's ESM loader.
  const formats = ((addFormats as unknown as { default?: unknown }).default ?? addFormats) as (ajv: Ajv2020, names: string[]) => void;
  formats(ajv, ['date']);
  ajv.addFormat('iso-duration', { type: 'string', validate: (value: string) => isoDuration.test(value) });
  ajv.addFormat('semver', { type: 'string', validate: (value: string) => semver.valid(value) === value });
  ajv.addSchema(policySchema);
  return ajv;
}

/** The validator of one `$defs` entry of the policy schema. */
export function validatorFor(definition: string): ValidateFunction {
  const found = instance().getSchema(`${policySchema.$id}#/$defs/${definition}`);
  if (!found) throw new Error(`schema has no $defs/${definition}`);
  return found;
}
