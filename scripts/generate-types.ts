// Regenerates src/model/*.generated.ts from schema/*.schema.json.
import { writeFile } from 'node:fs/promises';
import { generateModelTypes, generatedModels } from '../src/model/generate.ts';

for (const model of generatedModels) {
  await writeFile(model.output, await generateModelTypes(model));
  console.log(`wrote ${model.output.pathname}`);
}

// The check's validators are compiled from the schemas too.
const { generateValidators, validatorsPath, validatorsTypesPath } = await import('../src/validate/generate.ts');
const validators = generateValidators();
await writeFile(validatorsPath, validators.code);
await writeFile(validatorsTypesPath, validators.types);
console.log(`wrote ${validatorsPath.pathname}`);

// docs/versioning.md renders the change rule table.
const { readFile } = await import('node:fs/promises');
const { withRuleTable } = await import('../src/classify/rules-doc.ts');
const versioningDoc = new URL('../docs/versioning.md', import.meta.url);
await writeFile(versioningDoc, withRuleTable(await readFile(versioningDoc, 'utf8')));
console.log(`wrote ${versioningDoc.pathname}`);
