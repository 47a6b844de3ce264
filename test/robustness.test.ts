import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../src/check.ts';
import { catalog, type RuleId } from '../src/diagnostics/catalog.ts';
import { fileFromBytes } from '../src/parse/read.ts';

const allai = readFileSync('test/fixtures/workspace/policies/allai/policy.md', 'utf8');
const lines = allai.split('\n');

/** Check text and assert the checker's contract: no throw, every message placed and catalogued. */
function checkText(text: string | Uint8Array) {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const { file } = checkPolicy(fileFromBytes('policies/allai/policy.md', bytes));
  for (const message of file.messages) {
    expect(catalog.has(message.ruleId as RuleId), String(message.ruleId)).toBe(true);
    expect(message.line ?? 0).toBeGreaterThanOrEqual(1);
    expect(message.column ?? 0).toBeGreaterThanOrEqual(1);
    expect(message.reason.length).toBeGreaterThan(0);
  }
  return file;
}

describe('bad input never crashes the checker', () => {
  it('handles arbitrary text and bytes', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => void checkText(text)), { numRuns: 300 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => void checkText(bytes)), { numRuns: 200 });
  });

  it('handles the ALLAI policy with lines deleted, duplicated, swapped or corrupted', () => {
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(lines.length - 1) }),
      fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(lines.length - 1) }),
      fc.record({ kind: fc.constant('swap' as const), at: fc.nat(lines.length - 2) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(lines.length - 1), text: fc.string({ maxLength: 12 }) }),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        const copy = [...lines];
        for (const change of edits) {
          const at = Math.min(change.at, copy.length - 1);
          if (change.kind === 'delete') copy.splice(at, 1);
          else if (change.kind === 'duplicate') copy.splice(at, 0, copy[at]!);
          else if (change.kind === 'swap' && at + 1 < copy.length) [copy[at], copy[at + 1]] = [copy[at + 1]!, copy[at]!];
          else if (change.kind === 'insert') copy[at] = `${copy[at]!.slice(0, change.text.length)}${change.text}${copy[at]!.slice(change.text.length)}`;
        }
        checkText(copy.join('\n'));
      }),
      // A check of the whole policy takes some 70 ms on a loaded machine: 50 edited copies keep
      // this within seconds; each run draws a new seed, and a failure prints it for replay.
      { numRuns: 50 },
    );
  });

  it('handles hostile YAML: aliases, tags, deep nesting and huge numbers', () => {
    const bombs = [
      'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'id: !!binary aGVsbG8=\ntitle: !custom x',
      `id: ${'['.repeat(500)}${']'.repeat(500)}`,
      'id: 1e999999\nversion: 0x1F',
      'id: allai\n? [complex, key]\n: value',
    ];
    for (const yaml of bombs) {
      const file = checkText(`---\n${yaml}\n---\n\n# Policy\n\n\`\`\`yaml policy\n${yaml}\n\`\`\`\n`);
      expect(file.messages.some((message) => message.fatal === true)).toBe(true);
    }
  });
});
