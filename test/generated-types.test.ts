import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateModelTypes, generatedTypesPath } from '../src/model/generate.ts';

describe('generated model types', () => {
  it('match the JSON Schema (run `npm run generate` after changing the schema)', async () => {
    const committed = readFileSync(generatedTypesPath, 'utf8');
    expect(committed).toBe(await generateModelTypes());
  });

  it('export a type for every model definition', () => {
    const committed = readFileSync(generatedTypesPath, 'utf8');
    for (const name of ['FrontMatter', 'Category', 'Purpose', 'Recipient', 'RetentionRule', 'Transfer', 'Integration', 'Rights', 'PolicyDocument', 'Section']) {
      expect(committed).toMatch(new RegExp(`export (interface|type) ${name}\\b`));
    }
  });
});
