import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../src/check.ts';
import { catalog, type RuleId } from '../src/diagnostics/catalog.ts';
import { fileFromBytes } from '../src/parse/read.ts';
import { plainInline } from '../src/diff/blocks.ts';

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

/** The ALLAI front matter and title, then `body`: a file whose only problem is the body. */
function withBody(body: string): string {
  return `${allai.split('\n# Privacy Policy')[0]}\n\n# Privacy Policy\n\n${body}\n`;
}

/** Check text, asserting it took at most `budgetMs` (generous: a loaded 2-core machine). */
function checkWithin(text: string, budgetMs: number) {
  const started = performance.now();
  const file = checkText(text);
  expect(performance.now() - started, 'time taken').toBeLessThan(budgetMs);
  return file;
}

const fatal = (file: ReturnType<typeof checkText>) => file.messages.filter((message) => message.fatal).map((message) => `${message.line}:${message.column} ${message.ruleId}`);

describe('bounded work on hostile input (issue 19)', () => {
  it('checks a code block of unclosed brackets in linear time: code escapes the Markdown limits', () => {
    const block = Array.from({ length: 200 }, () => '['.repeat(9_999)).join('\n');
    const file = checkWithin(withBody(`\`\`\`yaml\n${block}\n\`\`\``), 5_000);
    expect(file.messages.filter((message) => message.ruleId === 'mistyped-declaration-fence')).toEqual([]);
  });

  it('strips inline markup from lines of unclosed links, comments and tags in linear time', () => {
    expect(plainInline('See [our page](https://x.example/a), <b>this</b><!-- note --> [ref][1] and ![logo](p.png).')).toBe('See our page, this ref and logo.');
    for (const unit of ['[', '[a](', '[a][', '<!--', '<a']) {
      const line = unit.repeat(Math.floor(9_999 / unit.length));
      const started = performance.now();
      for (let index = 0; index < 50; index++) expect(plainInline(line).length).toBeGreaterThan(0);
      expect(performance.now() - started, unit).toBeLessThan(5_000);
    }
  });

  it('refuses a 1 MB line of unclosed links at once, where the parser took minutes', () => {
    const file = checkWithin(withBody('[a]('.repeat(250_000)), 5_000);
    expect(fatal(file)).toEqual(['17:10001 line-too-long', '17:1 too-many-nodes']);
  });

  it('refuses dense markup within a line, per paragraph and per file', () => {
    expect(fatal(checkWithin(withBody('*a_'.repeat(2_000)), 5_000))).toEqual(['17:1 too-many-nodes']);
    const paragraphs = Array.from({ length: 100 }, () => '*a_'.repeat(60)).join('\n\n');
    const file = checkWithin(withBody(paragraphs), 20_000);
    expect(file.messages.map((message) => message.reason).join('\n')).toContain('more than 5,000 markup characters');
  });

  it('refuses a 10,000-deep list and a deep quote, where the parser overflowed its stack', () => {
    expect(fatal(checkWithin(withBody('- '.repeat(10_000) + 'x'), 5_000))).toContain('17:1 nesting-too-deep');
    expect(fatal(checkWithin(withBody(Array.from({ length: 40 }, (_, depth) => `${'  '.repeat(depth)}- item`).join('\n')), 5_000))).toEqual(['49:1 nesting-too-deep']);
    expect(fatal(checkWithin(withBody('> '.repeat(3_000) + 'x'), 5_000))).toContain('17:1 nesting-too-deep');
  });

  it('refuses YAML nested 2,000 deep with its position, and reads a lone surrogate escape as text', () => {
    const deep = allai.replace('title: Privacy Policy for ALLAI', `title: ${'['.repeat(2_000)}${']'.repeat(2_000)}`);
    const file = checkWithin(deep, 5_000);
    expect(fatal(file)).toEqual(['3:40 nesting-too-deep']);
    expect(file.messages[0]!.reason).toBe('YAML collections are nested more than 32 levels deep here, the limit');
    const block = allai.replace('```yaml policy\n', '```yaml policy\nnotes: ' + '{a: '.repeat(100) + '1' + '}'.repeat(100) + '\n');
    expect(fatal(checkWithin(block, 5_000)).some((place) => place.endsWith('nesting-too-deep'))).toBe(true);
    const surrogate = checkWithin(allai.replace('title: Privacy Policy for ALLAI', 'title: "\\uD800 and \\uDFFF"'), 5_000);
    expect(fatal(surrogate)).toEqual([]);
  });

  it('refuses a YAML block of more values than the limit before parsing it, and a file of too many lines', () => {
    const values = Array.from({ length: 9 }, () => 'a,'.repeat(4_900)).join('\n  ');
    const flow = checkWithin(allai.replace('```yaml policy\n', `\`\`\`yaml policy\nnotes: [\n  ${values}a]\n`), 10_000);
    expect(flow.messages.find((message) => message.fatal)?.reason).toBe('The YAML has more than 40,000 lines and list items, over the limit for one block');
    const lines = checkWithin(withBody('```\n' + 'x\n'.repeat(20_000) + '```'), 10_000);
    expect(fatal(lines)).toEqual(['10001:1 too-many-nodes']);
  });

  it('keeps a policy the corpus nests and marks up as it does within every limit', () => {
    expect(fatal(checkText(allai))).toEqual([]);
  });
});

describe('each file is checked in isolation', () => {
  it('turns an exception in one file into a positioned finding for it; the others are still checked', async () => {
    const { checkPaths } = await import('../src/workspace/check.ts');
    const { resolve } = await import('node:path');
    const broken = resolve('test/fixtures/rules/yaml-syntax/pass.md');
    const overlay = new Map<string, string>();
    const faulty = {
      get: (path: string) => {
        if (path === broken) throw new RangeError('Maximum call stack size exceeded');
        return overlay.get(path);
      },
      has: (path: string) => overlay.has(path),
    } as unknown as ReadonlyMap<string, string>;
    const results = await checkPaths(['test/fixtures/rules/yaml-syntax/pass.md', 'test/fixtures/rules/yaml-syntax/fail.md'], undefined, { overlay: faulty });
    expect(results.map((result) => result.file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`))).toEqual([['1:1 internal-error'], ['24:5 yaml-syntax']]);
    expect(results[0]!.file.messages[0]!.reason).toContain('Maximum call stack size exceeded');
  });
});
