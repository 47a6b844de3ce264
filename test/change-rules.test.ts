import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { changeRules, ruleFor } from '../src/classify/rules.ts';
import { withRuleTable } from '../src/classify/rules-doc.ts';
import { modelFields } from '../src/diff/fields.ts';

describe('the change rule table', () => {
  const fields = modelFields();

  it('has a rule for every field of the schema and every kind of change it can have', () => {
    const missing = fields.flatMap(({ path, kinds }) => kinds.filter((kind) => ruleFor(path, kind, undefined, undefined) === undefined && !changeRules.some((rule) => rule.path === path && rule.change === kind)).map((kind) => `${path} ${kind}`));
    expect(missing).toEqual([]);
    // Sanity: the walk reaches deep fields, so an empty walk cannot pass.
    expect(fields.map((field) => field.path)).toEqual(expect.arrayContaining(['declarations.integrations[].onDisconnect.deletion.within', 'declarations.integrations[].provider', 'declarations.children.minimumAge', 'meta.noticePeriod']));
  });

  it('has no row for a field the schema does not have, nor for a kind of change the field cannot have', () => {
    const known = new Map(fields.map((field) => [field.path, field.kinds]));
    const stray = changeRules.filter((rule) => !known.has(rule.path) || (rule.change !== '*' && !known.get(rule.path)!.includes(rule.change)));
    expect(stray.map((rule) => `${rule.path} ${rule.change}`)).toEqual([]);
  });

  it('gives every row a reason and a bump that follows from its class and direction', () => {
    for (const rule of changeRules) {
      expect(rule.why.length, `${rule.path} ${rule.change}`).toBeGreaterThan(20);
      expect(rule.what.length).toBeGreaterThan(0);
      const expected = !rule.material ? 'patch' : rule.direction === 'widens' || rule.action === 'reconsent' || rule.action === 'explicit-consent' ? 'major' : 'minor';
      expect(rule.bump, `${rule.path} ${rule.change}`).toBe(expected);
      if (!rule.material) expect(rule.action).toBe('none');
    }
  });

  it('mirrors: a kind of change and its opposite on the same field go opposite ways', () => {
    const opposite: Record<string, string> = { added: 'removed', removed: 'added', increased: 'decreased', decreased: 'increased', stated: 'unstated', unstated: 'stated' };
    const flip: Record<string, string> = { widens: 'narrows', narrows: 'widens', neutral: 'neutral' };
    for (const rule of changeRules) {
      if (rule.change === '*' || !(rule.change in opposite) || !rule.material || 'from' in rule || 'to' in rule) continue;
      const mirror = changeRules.find((other) => other.path === rule.path && other.change === opposite[rule.change] && !('from' in other) && !('to' in other));
      if (!mirror || !mirror.material) continue;
      // A removed statement of fact is "unstated" and an added one "stated": neutral rows may pair with either.
      if (rule.direction === 'neutral' || mirror.direction === 'neutral') continue;
      expect(mirror.direction, `${rule.path} ${rule.change} / ${mirror.change}`).toBe(flip[rule.direction]);
    }
  });
});

describe('docs/versioning.md', () => {
  it('renders the current rule table (run `npm run generate` after changing src/classify/rules.ts)', () => {
    const document = readFileSync('docs/versioning.md', 'utf8');
    expect(document).toBe(withRuleTable(document));
    expect(document).toContain('| `declarations.purposes[].basis` | changed, to `consent` | material | neutral | **major** | a request for consent before the new version takes effect |');
  });
});
