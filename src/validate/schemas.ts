import { readFileSync } from 'node:fs';

/** Read one file of `schema/`: they are the single source of the model. */
export function loadSchema<T = { $id: string }>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../schema/${name}`, import.meta.url), 'utf8')) as T;
}

/** The policy schema, loaded once for the validators' generator and the editor. */
export const policySchema = loadSchema<{ $id: string; $schema: string; $defs: Record<string, Record<string, unknown>> }>('policy.schema.json');
