import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateModelTypes, generatedModels } from '../src/model/generate.ts';
import { generateValidators, validatorsPath, validatorsTypesPath } from '../src/validate/generate.ts';

describe.each(generatedModels.map((model) => [model.output.pathname.split('/').pop()!, model] as const))('%s', (_name, model) => {
  it('matches its JSON Schema (run `npm run generate` after changing a schema)', async () => {
    expect(readFileSync(model.output, 'utf8')).toBe(await generateModelTypes(model));
  });
});

describe('validators.generated.js', () => {
  it('is what ajv compiles from the schemas now (run `npm run generate` after changing a schema)', () => {
    const fresh = generateValidators();
    expect(readFileSync(validatorsPath, 'utf8')).toBe(fresh.code);
    expect(readFileSync(validatorsTypesPath, 'utf8')).toBe(fresh.types);
  });
});

describe('policy model types', () => {
  it('export a type for every model definition', () => {
    const committed = readFileSync(generatedModels[0].output, 'utf8');
    for (const name of ['FrontMatter', 'Category', 'Purpose', 'Recipient', 'RetentionRule', 'Transfer', 'Integration', 'Rights', 'PolicyDocument', 'Section']) {
      expect(committed).toMatch(new RegExp(`export (interface|type) ${name}\\b`));
    }
  });
});
