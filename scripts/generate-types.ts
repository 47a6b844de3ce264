// Regenerates src/model/policy.generated.ts from schema/policy.schema.json.
import { writeFile } from 'node:fs/promises';
import { generateModelTypes, generatedTypesPath } from '../src/model/generate.ts';

await writeFile(generatedTypesPath, await generateModelTypes());
console.log(`wrote ${generatedTypesPath.pathname}`);
