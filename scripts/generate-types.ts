// Regenerates src/model/*.generated.ts from schema/*.schema.json.
import { writeFile } from 'node:fs/promises';
import { generateModelTypes, generatedModels } from '../src/model/generate.ts';

for (const model of generatedModels) {
  await writeFile(model.output, await generateModelTypes(model));
  console.log(`wrote ${model.output.pathname}`);
}
