import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ruleIds } from '../src/diagnostics/catalog.ts';
import { ruleDocPath } from '../src/diagnostics/rule-info.ts';
import { lintRules } from '../src/lint/index.ts';
import { allRules, generatedFiles, renderRulePage } from '../scripts/generate-rules.ts';

// The catalog and the rule pages' Fail and Pass sections are generated from each rule's
// declaration and its fixtures: `npm run generate` rewrites them.
describe('what is generated from the rules', () => {
  it.each(generatedFiles().map((file) => [file.path, file.text] as const))('%s is up to date (run npm run generate)', (path, text) => {
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('catalogs every rule once, lint rules included, with the severity and docs URL the rule declares', () => {
    const declared = allRules();
    expect(ruleIds).toEqual(declared.map((rule) => rule.id));
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    for (const rule of lintRules) {
      expect(ruleIds).toContain(rule.id);
      expect(rule.url).toBe(ruleDocPath(rule.id));
    }
  });

  it("shows each failing fixture's messages and the rule's own words about its examples", () => {
    for (const rule of allRules()) {
      const page = readFileSync(ruleDocPath(rule.id), 'utf8');
      const expected = readFileSync(`test/fixtures/rules/${rule.id}/expected.txt`, 'utf8').split('\n').filter(Boolean);
      const fail = page.slice(page.indexOf('## Fail'), page.indexOf('## Pass'));
      for (const line of expected) expect(fail).toContain(line);
      if (rule.examples?.fail) expect(fail).toContain(rule.examples.fail);
      if (rule.examples?.pass) expect(page.slice(page.indexOf('## Pass'))).toContain(rule.examples.pass);
    }
  });

  it('keeps the hand-written sections of a page and replaces only the generated ones', () => {
    const rule = allRules().find((candidate) => candidate.id === 'missing-retention')!;
    const written = '# missing-retention\n\nWarning · old title\n\n## Why\n\nBecause.\n\n## Fail\n\nstale\n\n## Pass\n\nstale\n\n## How to fix\n\nAdd one.\n';
    const page = renderRulePage({ ...rule, examples: { fail: 'A category nobody keeps track of:' } }, written);
    expect(page).toContain('## Why\n\nBecause.');
    expect(page).toContain('## How to fix\n\nAdd one.');
    expect(page).toContain(`Warning · ${rule.title}`);
    expect(page).not.toContain('stale');
    expect(page).toContain('A category nobody keeps track of:');
    expect(page.indexOf('## Fail')).toBeLessThan(page.indexOf('## Pass'));
    expect(page.indexOf('## Pass')).toBeLessThan(page.indexOf('## How to fix'));
  });
});
