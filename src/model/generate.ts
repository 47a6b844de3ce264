import { readFile } from 'node:fs/promises';
import { compile, type JSONSchema } from 'json-schema-to-typescript';

const schemaDir = new URL('../../schema/', import.meta.url);

/** The schemas and the TypeScript files generated from them. */
export const generatedModels = [
  { schema: new URL('policy.schema.json', schemaDir), output: new URL('./policy.generated.ts', import.meta.url), name: 'Policy' },
  { schema: new URL('rules.schema.json', schemaDir), output: new URL('./rules.generated.ts', import.meta.url), name: 'CompiledRules' },
  { schema: new URL('change.schema.json', schemaDir), output: new URL('./change.generated.ts', import.meta.url), name: 'ClassifiedChange' },
  { schema: new URL('manifest.schema.json', schemaDir), output: new URL('./manifest.generated.ts', import.meta.url), name: 'VersionManifest' },
  { schema: new URL('diff.schema.json', schemaDir), output: new URL('./diff.generated.ts', import.meta.url), name: 'PolicyDiff' },
  { schema: new URL('notify-config.schema.json', schemaDir), output: new URL('./notify-config.generated.ts', import.meta.url), name: 'NotifyConfig' },
  { schema: new URL('notification.schema.json', schemaDir), output: new URL('./notification.generated.ts', import.meta.url), name: 'NotificationEvent' },
  { schema: new URL('notice-event.schema.json', schemaDir), output: new URL('./notice-event.generated.ts', import.meta.url), name: 'NoticeEvent' },
  { schema: new URL('versions.schema.json', schemaDir), output: new URL('./versions.generated.ts', import.meta.url), name: 'PublishedVersions' },
] as const;

const banner = (file: string) => `/* eslint-disable */
// Generated from schema/${file} by \`npm run generate\`. Do not edit:
// change the schema and regenerate. A test fails when this file is stale.`;

/**
 * Render a model's TypeScript types from its JSON Schema.
 * The schemas are the single source of truth; these files are derived.
 */
export async function generateModelTypes(model: (typeof generatedModels)[number] = generatedModels[0]): Promise<string> {
  const schema = withoutRefDescriptions(JSON.parse(await readFile(model.schema, 'utf8'))) as JSONSchema;
  return compile(schema, model.name, {
    bannerComment: banner(model.schema.pathname.split('/').pop()!),
    unreachableDefinitions: model.name === 'Policy',
    additionalProperties: false,
    strictIndexSignatures: true,
    format: true,
    cwd: schemaDir.pathname,
    declareExternallyReferenced: true,
    style: { singleQuote: true, printWidth: 100 },
  });
}

/**
 * Drop `description` beside a `$ref`. Those descriptions are for editors' hover docs; given
 * to json-schema-to-typescript, each would turn the referenced type into a numbered copy
 * (`Id1`, `Id2`, ...) instead of reusing it.
 */
function withoutRefDescriptions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutRefDescriptions);
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node).filter(([key]) => !(key === 'description' && '$ref' in node));
  return Object.fromEntries(entries.map(([key, value]) => [key, withoutRefDescriptions(value)]));
}
