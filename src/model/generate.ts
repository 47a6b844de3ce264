import { readFile } from 'node:fs/promises';
import { compile, type JSONSchema } from 'json-schema-to-typescript';

/** Where the schema and the generated model types live, relative to the repository root. */
export const schemaPath = new URL('../../schema/policy.schema.json', import.meta.url);
export const generatedTypesPath = new URL('./policy.generated.ts', import.meta.url);

const banner = `/* eslint-disable */
// Generated from schema/policy.schema.json by \`npm run generate\`. Do not edit:
// change the schema and regenerate. A test fails when this file is stale.`;

/**
 * Render the model's TypeScript types from the JSON Schema.
 * The schema is the single source of truth; this file is derived.
 */
export async function generateModelTypes(): Promise<string> {
  const schema = JSON.parse(await readFile(schemaPath, 'utf8')) as JSONSchema;
  return compile(schema, 'Policy', {
    bannerComment: banner,
    unreachableDefinitions: true,
    additionalProperties: false,
    strictIndexSignatures: true,
    format: true,
    cwd: new URL('../../schema/', import.meta.url).pathname,
    style: { singleQuote: true, printWidth: 100 },
  });
}
