import { Ajv2020, _ } from 'ajv/dist/2020.js';
import { formats } from './formats.ts';
import { loadSchema, policySchema } from './schemas.ts';

const otherSchemas = ['change.schema.json', 'manifest.schema.json', 'notify-config.schema.json'].map((name) => loadSchema(name));

/** Keywords our schemas carry for other readers: json-schema-to-typescript (`tsType`), editors' completion and hover (`enumDescriptions`), and the semantic diff (`x-identity`: the keys that identify an item of a list without ids). */
export const annotationKeywords = ['tsType', 'enumDescriptions', 'x-identity'] as const;


/** The schema id a `validatorFor` name stands for: a `$defs` entry of the policy schema, or a schema file. */
export function schemaId(definition: string): string {
  return definition.endsWith('.schema.json') ? policySchema.$id.replace('policy.schema.json', definition) : `${policySchema.$id}#/$defs/${definition}`;
}

/**
 * An ajv instance with every schema, format and annotation keyword registered. With
 * `standalone`, it emits code that reads the formats from an imported `formats` object.
 */
export function createAjv(options: { standalone?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: true,
    allowUnionTypes: true,
    ...(options.standalone ? { code: { source: true, esm: true, formats: _`formats` } } : {}),
  });
  for (const [name, format] of Object.entries(formats)) ajv.addFormat(name, format);
  ajv.addVocabulary([...annotationKeywords]);
  ajv.addSchema(policySchema);
  for (const schema of otherSchemas) ajv.addSchema(schema);
  return ajv;
}
