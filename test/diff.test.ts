import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { annotationKeywords } from '../src/validate/compile.ts';
import { describe, expect, it } from 'vitest';
import { comparePolicies, mayBeStructured, sideOf, type Side } from '../src/compare/compare.ts';
import { checkPolicy } from '../src/check.ts';
import { fileFromBytes } from '../src/parse/read.ts';
import { diffProse } from '../src/diff/prose.ts';
import { toBlocks } from '../src/diff/blocks.ts';
import { renderDiff, renderMarkdown, renderPretty } from '../src/compare/render.ts';
import { workspace } from './support/workspace.ts';
import { bundledModules } from './support/bundle.ts';
import { buildCli } from '../scripts/build-cli.ts';

const texts = '../shared/bench-texts';
const read = (name: string) => readFileSync(join(texts, name), 'utf8');
const cli = join(import.meta.dirname, '../src/cli/main.ts');
// Run in the frozen workspace, where `allai` is test/fixtures/workspace/policies/allai.
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: workspace, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('prose diff ignores formatting noise', () => {
  it.each([
    ['google_fmt_a.md', 'google_fmt_b.md', 'whitespace-only re-render'],
    ['google_v3.md', 'google_v3_noise_w1.md', 'headings as bold, every line re-wrapped'],
    ['google_v3.md', 'google_v3_noise_w2.md', 'also list and bold markers changed'],
  ])('finds no change from %s to %s (%s)', (before, after) => {
    const diff = diffProse(read(before), read(after));
    expect(diff.changes).toEqual([]);
    expect(diff.stats.unchanged).toBeGreaterThan(400);
  });

  const paragraph = 'We share your “personal data” with our service providers — only those acting on our behalf.';
  it.each([
    ['re-wrapped lines', `# Sharing\n\n${paragraph}\n`, `# Sharing\n\nWe share your “personal data” with our\nservice providers — only those acting on our behalf.\n`],
    ['a heading turned bold', `## Sharing\n\n${paragraph}\n`, `**Sharing**\n\n${paragraph}\n`],
    ['a setext heading', `Sharing\n=======\n\n${paragraph}\n`, `# Sharing\n\n${paragraph}\n`],
    ['list markers', `- ${paragraph}\n- Second item.\n`, `* ${paragraph}\n1. Second item.\n`],
    ['typographic quotes and dashes', `${paragraph}\n`, `We share your "personal data" with our service providers - only those acting on our behalf.\n`],
    ['case only', `${paragraph}\n`, `${paragraph.toUpperCase()}\n`],
    ['regenerated anchors', `## Sharing {#sharing}\n\n<a id="x1"></a>${paragraph}\n`, `## Sharing {#share}\n\n<a id="b7"></a>${paragraph}\n`],
    ['HTML entities and emphasis', `${paragraph}\n`, `We share your &ldquo;*personal data*&rdquo; with our **service providers** &mdash; only those acting on our behalf.\n`],
  ])('%s', (_name, before, after) => {
    expect(diffProse(before, after).changes).toEqual([]);
  });
});

describe('prose diff finds real changes', () => {
  it('shows an edited paragraph as a word diff', () => {
    const diff = diffProse('# A\n\nWe keep your data for one year.\n\nWe never sell it.\n', '# A\n\nWe keep your data for five years.\n\nWe never sell it.\n');
    expect(diff.changes).toHaveLength(1);
    expect(diff.changes[0]).toMatchObject({ op: 'changed', before: { line: 3 }, after: { line: 3 } });
    const words = diff.changes[0]!.op === 'changed' ? diff.changes[0]!.words : [];
    expect(words.filter((word) => word.op !== 'equal')).toEqual([
      { op: 'removed', text: 'one year.' },
      { op: 'added', text: 'five years.' },
    ]);
    expect(diff.stats).toMatchObject({ wordsAdded: 2, wordsRemoved: 2 });
  });

  it('shows added and removed paragraphs in place', () => {
    const diff = diffProse('A.\n\nB is here.\n\nC.\n', 'A.\n\nC.\n\nD is new and long enough.\n');
    expect(diff.changes.map((change) => change.op)).toEqual(['removed', 'added']);
  });

  it('handles two unrelated policies and a six-year rewrite', () => {
    const unrelated = diffProse(read('google_v3.md'), read('forbes_unrelated.md'));
    expect(unrelated.stats.unchanged).toBeLessThan(10);
    expect(unrelated.stats.wordsAdded).toBeGreaterThan(10_000);
    const rewrite = diffProse(read('google_2020.md'), read('google_v3.md'));
    expect(rewrite.changes.length).toBeGreaterThan(100);
  });

  it('splits blocks at headings, list items and table rows, and keeps their lines', () => {
    const blocks = toBlocks('---\nid: x\n---\n# Title\nText\ncontinues.\n\n- item one\n- item two\n\n| a | b |\n|---|---|\n| c | d |\n');
    expect(blocks.map((block) => [block.text, block.line])).toEqual([
      ['Title', 4],
      ['Text continues.', 5],
      ['item one', 8],
      ['item two', 9],
      ['a b', 11],
      ['c d', 13],
    ]);
  });
});

describe('comparing policy versions', () => {
  it('classifies ALLAI 1.0.0 -> 1.0.1 as a prose-only patch', () => {
    const before = sideOf('1.0.0', readFileSync('test/fixtures/workspace/policies/allai/versions/1.0.0.md', 'utf8'));
    const after = sideOf('1.0.1', readFileSync('test/fixtures/workspace/policies/allai/versions/1.0.1.md', 'utf8'));
    const diff = comparePolicies(before, after);
    expect(diff).toMatchObject({ structured: true, changes: [], requiredBump: 'patch', material: false });
    expect(diff.prose.changes.filter((change) => change.op === 'removed').map((change) => change.op === 'removed' && change.before?.text)).toContain('Pinterest API');
  });

  it('compares plain texts by prose only', () => {
    const diff = comparePolicies(sideOf('a.txt', read('pocket_v1.md')), sideOf('b.txt', read('pocket_v2.md')));
    expect(diff.structured).toBe(false);
    expect(diff.requiredBump).toBe('patch');
    expect(diff.prose.changes.length).toBeGreaterThan(0);
  });

  it('skips structured checking of plain texts, with output identical to checking them', () => {
    // What sideOf did before it skipped the check: parse and check every text as a policy.
    const checked = (label: string, text: string): Side => ({ label, text, document: checkPolicy(fileFromBytes(label, new TextEncoder().encode(text))).document });
    for (const [a, b] of [['google_v1.md', 'google_v2.md'], ['pocket_v1.md', 'pocket_v2.md']] as const) {
      expect(mayBeStructured(read(a))).toBe(false);
      const skipped = comparePolicies(sideOf(a, read(a)), sideOf(b, read(b)));
      expect(skipped).toEqual(comparePolicies(checked(a, read(a)), checked(b, read(b))));
      expect(renderMarkdown(skipped)).toBe(renderMarkdown(comparePolicies(checked(a, read(a)), checked(b, read(b)))));
    }
  });

  it('still checks a text that opens with front matter, with or without a byte-order mark', () => {
    const policy = readFileSync('test/fixtures/workspace/policies/allai/versions/1.0.1.md', 'utf8');
    expect(sideOf('p.md', policy).document?.meta.id).toBe('allai');
    expect(sideOf('p.md', `\uFEFF${policy}`).document?.meta.id).toBe('allai');
    // A blank line before the fence is not front matter: no document either way.
    expect(sideOf('p.md', `\n${policy}`).document).toBeUndefined();
    expect(checkPolicy(fileFromBytes('p.md', new TextEncoder().encode(`\n${policy}`))).document).toBeUndefined();
  });

  it('names prose that shares data with an undeclared recipient, though the declarations alone say patch', () => {
    // A legal editor adds a sentence and no declaration: check and release refuse it, and the diff must not look like a silent patch.
    const allai = readFileSync(join(workspace, 'policies/allai/policy.md'), 'utf8');
    const sentence = 'We also share your email address and usage logs with Meta Platforms for advertising.';
    const edited = allai.replace('We may share your information with the following parties:', `We may share your information with the following parties. ${sentence}`);
    expect(edited).not.toBe(allai);
    const diff = comparePolicies(sideOf('a.md', allai), sideOf('b.md', edited));
    expect(diff.changes).toEqual([]);
    expect(diff.undeclaredProse).toEqual([{ line: expect.any(Number), sentence, terms: ['Meta Platforms', 'advertising'] }]);
    const pretty = renderPretty(diff, false);
    expect(pretty).toMatch(/^prose only, but the prose names what no declaration says: check and release refuse it until it is declared$/m);
    expect(pretty).toContain('names "Meta Platforms", "advertising", which no declaration contains');
    expect(renderMarkdown(diff)).toContain('| ❗ | "Meta Platforms", "advertising" | We also share your email address');
    // Marked reviewed with a reason, the sentence is the editor's judgement and no longer listed.
    const reviewed = edited.replace(sentence, `${sentence} <!-- reviewed: Meta is declared as a processor elsewhere -->`);
    expect(comparePolicies(sideOf('a.md', allai), sideOf('b.md', reviewed)).undeclaredProse).toBeUndefined();
  });

  it('renders Markdown with policy text escaped', () => {
    const before = sideOf('a.md', '# A\n\nWe keep data.\n');
    const after = sideOf('b.md', '# A\n\nWe keep data. <script>alert(1)</script> *bold* [x](javascript:alert(1))\n');
    const markdown = renderMarkdown(comparePolicies(before, after));
    expect(markdown).not.toContain('<script>');
    expect(markdown).not.toContain('javascript:');
    // The same escaping as the review comment: no mention, no bare link GitHub would make live.
    const linked = renderMarkdown(comparePolicies(before, sideOf('b.md', '# A\n\nWe keep data. Ask @octocat at https://evil.example or www.evil.example.\n')));
    expect(linked).not.toMatch(/@octocat|https:\/\/evil|www\.evil/);
    expect(linked.replace(/\u2060/g, '')).toContain('https://evil.example');
  });
});

describe('policy diff', () => {
  it('compares two released versions of a policy, as JSON that matches its schema', () => {
    const result = run('diff', 'allai', '1.0.0', '1.0.1', '--format', 'json');
    expect(result.status).toBe(0);
    const diff = JSON.parse(result.stdout);
    const ajv = new Ajv2020({ strict: true });
    ajv.addVocabulary([...annotationKeywords]);
    ajv.addSchema(JSON.parse(readFileSync('schema/change.schema.json', 'utf8')));
    const validate = ajv.compile(JSON.parse(readFileSync('schema/diff.schema.json', 'utf8')));
    expect(validate(diff), JSON.stringify(validate.errors)).toBe(true);
    expect(diff.requiredBump).toBe('patch');
  });

  it('compares two files and writes Markdown for a pull request', () => {
    const result = run('diff', resolve('test/fixtures/allai-versions/1.1.0/policy.md'), resolve('test/fixtures/allai-versions/2.0.0/policy.md'), '--format', 'markdown');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('**material: needs a major version**');
    expect(result.stdout).toContain('| ➕ widens | New use of your data: Send you marketing emails about ALLAI | material (major) | a request for consent before the new version takes effect | everyone |');
    // Each row ends with the legal reason, so a reviewer can check the judgement itself.
    expect(result.stdout).toMatch(/\| New use of your data: Send you marketing emails about ALLAI \|[^\n]*\| everyone \| [^|\n]*consent[^|\n]* \|$/m);
  });

  it('compares the draft with a git ref', () => {
    const result = run('diff', 'allai', '--base', 'HEAD');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^policies\/allai\/policy\.md@HEAD → allai 1\.0\.1|^allai 1\.0\.1 → allai 1\.0\.1/);
  });

  it('fails on a side that is not a valid policy, rather than call the change formatting only', () => {
    // A key the schema refuses (an integration has no `dpv`) drops the whole model: the prose alone said "non-material".
    const allai = readFileSync(join(workspace, 'policies/allai/policy.md'), 'utf8');
    const folder = mkdtempSync(join(tmpdir(), 'diff-invalid-'));
    writeFileSync(join(folder, 'a.md'), allai);
    writeFileSync(join(folder, 'b.md'), allai.replace('    endorsement: not endorsed', '    dpv: dpv:Service\n    endorsement: not endorsed'));
    const result = run('diff', join(folder, 'a.md'), join(folder, 'b.md'));
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`declarations not compared: ${join(folder, 'b.md')} is not a valid policy (run \`policy check\`); the prose alone says non-material`);
    expect(result.stderr).toBe(`policy diff: ${join(folder, 'b.md')} is not a valid policy, so its declarations were not compared; run \`policy check ${join(folder, 'b.md')}\` to see why\n`);
    // A plain text without front matter is no policy at all, and compares as prose without complaint.
    writeFileSync(join(folder, 'c.md'), '# Privacy\n\nWe keep your email.\n');
    expect(run('diff', join(folder, 'c.md'), join(folder, 'c.md')).status).toBe(0);
  });

  it('answers for two plain files exactly as parsing and checking both as policies did, in every format', async () => {
    const { runDiff } = await import('../src/cli/diff.ts');
    // What `policy diff A B` did before its plain path: every text parsed and checked as a policy.
    const checked = (label: string): Side => ({ label, text: read(label), document: checkPolicy(fileFromBytes(label, new TextEncoder().encode(read(label)))).document });
    for (const [a, b] of [['google_v1.md', 'google_v2.md'], ['pocket_v2.md', 'pocket_v3.md']] as const) {
      const previous = comparePolicies(checked(a), checked(b));
      expect(previous.prose.changes.length).toBeGreaterThan(0);
      for (const format of ['pretty', 'markdown', 'json'] as const) {
        let stdout = '';
        let stderr = '';
        const status = await runDiff([join(texts, a), join(texts, b)], { format, color: false }, (text) => (stdout += text), (text) => (stderr += text));
        const expected = renderDiff({ ...previous, before: { label: join(texts, a) }, after: { label: join(texts, b) } }, format, false);
        expect([status, stdout, stderr]).toEqual([0, expected, '']);
      }
    }
  });

  it('loads, in the bundle, no parser, checker, declaration diff or history for two plain files, and all of them for two policies', async () => {
    const outdir = `build/cli-diff-test-${process.pid}`;
    try {
      const entry = await buildCli(resolve('.'), outdir);
      const heavy = ['src/check.ts', 'src/parse/policy-file.ts', 'src/validate/schema.ts', 'src/diff/declarations.ts', 'src/history/verify.ts'];
      // The command itself, then on demand either the prose comparison of two plain texts or the policies' one.
      const command = bundledModules(outdir, 'src/cli/diff.ts');
      const plain = [...command, ...bundledModules(outdir, 'src/compare/assemble.ts')];
      expect(plain).toEqual(expect.arrayContaining(['src/cli/diff.ts', 'src/workspace/diff.ts', 'src/workspace/file-pair.ts', 'src/compare/assemble.ts', 'src/classify/prose.ts', 'src/compare/render.ts']));
      expect(plain.filter((module) => heavy.includes(module))).toEqual([]);
      expect([...bundledModules(outdir, 'src/compare/compare.ts'), ...bundledModules(outdir, 'src/workspace/sides.ts')]).toEqual(expect.arrayContaining(heavy));
      // And the bundle answers as the sources do on both paths.
      for (const pair of [[join(texts, 'pocket_v1.md'), join(texts, 'pocket_v2.md')], ['test/fixtures/allai-versions/1.1.0/policy.md', 'test/fixtures/allai-versions/2.0.0/policy.md']]) {
        const bundled = spawnSync(process.execPath, [entry, 'diff', ...pair, '--format', 'json'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
        const sources = spawnSync(process.execPath, [cli, 'diff', ...pair, '--format', 'json'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
        expect([bundled.status, bundled.stdout, bundled.stderr]).toEqual([sources.status, sources.stdout, sources.stderr]);
        expect(JSON.parse(bundled.stdout).structured).toBe(pair[0]!.startsWith('test/'));
      }
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('compares versions named newest first in that order, and says on stderr that additions then read as removals', () => {
    const backwards = run('diff', 'allai', '1.0.1', '1.0.0', '--format', 'json');
    expect(backwards.status).toBe(0);
    const diff = JSON.parse(backwards.stdout);
    expect([diff.before.label, diff.after.label]).toEqual(['policies/allai/versions/1.0.1.md', 'policies/allai/versions/1.0.0.md']);
    expect(backwards.stderr).toBe(
      'policy diff: note: 1.0.1 is newer than 1.0.0 but was named first, so it is compared as the earlier text: what it added shows as removed, and what it removed as added. For the changes from 1.0.0 to 1.0.1, run `policy diff allai 1.0.0 1.0.1`\n',
    );
    // The draft is newer than every released version.
    const draft = run('diff', 'allai', 'draft', '1.0.1');
    expect(draft.status).toBe(0);
    expect(draft.stderr).toBe(
      "policy diff: note: the draft is newer than the released 1.0.1 but was named first, so it is compared as the earlier text: what it added shows as removed, and what it removed as added. For the draft's changes since 1.0.1, run `policy diff allai 1.0.1 draft`\n",
    );
    // Oldest first, the same version twice, or the draft last: nothing to say.
    for (const pair of [['1.0.0', '1.0.1'], ['1.0.1', '1.0.1'], ['1.0.1', 'draft']]) expect(run('diff', 'allai', ...pair).stderr, pair.join(' ')).toBe('');
  });

  it('explains a missing version or ref without a stack trace', () => {
    const missing = run('diff', 'allai', '0.9.0', '1.0.1');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('policy diff: allai has no released version 0.9.0; released: 1.0.0, 1.0.1\n');
    const ref = run('diff', 'allai', '--base', 'no-such-ref');
    expect(ref.status).toBe(2);
    expect(ref.stderr).toMatch(/cannot read policies\/allai\/policy\.md at no-such-ref .*git fetch --depth=1 origin no-such-ref/);
  });
});

describe('diffSequences (Myers)', () => {
  it('turns a into b with a minimal number of edits', async () => {
    const fc = (await import('fast-check')).default;
    const { diffSequences } = await import('../src/diff/myers.ts');
    const { diffArrays } = await import('diff');
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 40 }), fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 40 }), (a, b) => {
        let i = 0;
        const rebuilt: string[] = [];
        let edits = 0;
        for (const run of diffSequences(a, b)) {
          if (run.op === 'equal') {
            for (let t = 0; t < run.count; t++) expect(a[i + t]).toBe(b[rebuilt.length + t]);
            rebuilt.push(...a.slice(i, i + run.count));
            i += run.count;
          } else if (run.op === 'removed') {
            i += run.count;
            edits += run.count;
          } else {
            rebuilt.push(...b.slice(rebuilt.length, rebuilt.length + run.count));
            edits += run.count;
          }
        }
        expect(i).toBe(a.length);
        expect(rebuilt).toEqual(b);
        // As few edits as the reference implementation (the `diff` package).
        expect(edits).toBe(diffArrays(a, b).filter((part) => part.added || part.removed).reduce((sum, part) => sum + part.value.length, 0));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the line-diff shortcut', () => {
  it('finds the same changes as normalising every paragraph, on real policy pairs', async () => {
    const { diffBlocks } = await import('../src/diff/prose.ts');
    const pairs = readFileSync('../shared/corpus/pairs.tsv', 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t').slice(1, 3).map((file) => join('../shared/corpus', file!)));
    pairs.push([join(texts, 'google_v1.md'), join(texts, 'google_v2.md')], [join(texts, 'google_v2.md'), join(texts, 'google_v3.md')]);
    for (const [before, after] of pairs) {
      const a = readFileSync(before!, 'utf8');
      const b = readFileSync(after!, 'utf8');
      const fast = diffProse(a, b);
      const full = diffBlocks(toBlocks(a), toBlocks(b));
      expect(fast.changes, after).toEqual(full.changes);
      expect(fast.stats, after).toEqual(full.stats);
    }
  });
});
