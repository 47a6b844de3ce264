// Rewrites test/fixtures/rules/<id>/expected.txt from the current checker output.
// Review the diff before committing: these files are the rules' golden output.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleIds } from '../src/diagnostics/catalog.ts';
import { expectedPath, fixturesRoot, linesFor } from '../test/rule-fixtures.ts';

const only = process.argv.slice(2);
for (const rule of ruleIds) {
  if (only.length > 0 && !only.includes(rule)) continue;
  if (!existsSync(join(fixturesRoot, rule))) {
    console.log(`skip ${rule}: no fixture folder`);
    continue;
  }
  const { lines } = await linesFor(rule, 'fail');
  writeFileSync(expectedPath(rule), lines.map((line) => `${line}\n`).join(''));
  console.log(`${rule}: ${lines.length} message(s)`);
}
