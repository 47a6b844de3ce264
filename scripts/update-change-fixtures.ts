// Rewrites test/fixtures/allai-changes/<case>/expected.json from the engine's current output.
// These are reviewed golden files: read the diff before committing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { changeCases, changesRoot, outcomeOf } from '../test/change-fixtures.ts';

for (const name of changeCases()) {
  const outcome = await outcomeOf(name);
  writeFileSync(join(changesRoot, name, 'expected.json'), `${JSON.stringify(outcome, null, 2)}\n`);
  console.log(`${name}: ${outcome.requiredBump}, ${outcome.event.action}`);
}
