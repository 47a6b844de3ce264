import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog, ruleDocPath, ruleIds } from '../src/diagnostics/catalog.ts';
import { expectedPath, fixturesRoot, linesFor } from './rule-fixtures.ts';

// One folder per rule: fail.md (or fail/) must report exactly expected.txt for that rule;
// pass.md must report nothing at all. Regenerate with `npm run fixtures:update`, then review.
describe.each(ruleIds)('rule %s', (rule) => {
  it('has a fixture folder and a documentation page', () => {
    expect(existsSync(join(fixturesRoot, rule)), `${fixturesRoot}/${rule}/`).toBe(true);
    expect(existsSync(ruleDocPath(rule)), ruleDocPath(rule)).toBe(true);
  });

  it('reports the failing fixture as expected', async () => {
    const expected = readFileSync(expectedPath(rule), 'utf8').split('\n').filter(Boolean);
    const { lines } = await linesFor(rule, 'fail');
    expect(expected.length).toBeGreaterThan(0);
    expect(lines).toEqual(expected);
    for (const line of lines) expect(line).toContain(` ${catalog.get(rule)!.severity} ${rule} `);
  });

  it('reports nothing on the passing fixture', async () => {
    const { all } = await linesFor(rule, 'pass');
    expect(all).toEqual([]);
  });
});

describe('rule documentation', () => {
  it.each(ruleIds)('docs/rules/%s.md names the rule, explains it and shows examples', (rule) => {
    const page = readFileSync(ruleDocPath(rule), 'utf8');
    expect(page).toMatch(new RegExp(`^# ${rule}\\b`, 'm'));
    expect(page).toMatch(/## Why/);
    expect(page).toMatch(/## Fail/);
    expect(page).toMatch(/## Pass/);
  });
});
