import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Root as HastRoot, Element } from 'hast';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, it } from 'vitest';
import { releasePolicy } from '../src/history/release.ts';
import { codeSpan, escapeInline } from '../src/compare/escape.ts';
import { renderReview, reviewChanges, reviewMarker } from '../src/review/review.ts';
import { git } from './support/git.ts';

/** What a pull request controls, written to break out of the comment (issue 19). */
const hostile = [
  '<img src="https://attacker.example/pixel.png">',
  '<details>',
  '@octocat',
  'see https://attacker.example/phish and www.attacker.example',
  'closes #1',
  '`code` ``` fence',
  '[click](javascript:alert(1))',
  '| cell | break |',
].join(' ');
const forgedHeading = 'Email provider\n\n## all checks passed ✅\n\n<!-- policy-review -->';

/** A repository whose policy folder has a hostile name, and a branch with hostile labels and prose. */
let repo: string;
const folder = '0<details>';
beforeAll(async () => {
  repo = mkdtempSync(join(tmpdir(), 'review-hostile-'));
  git(repo, 'init', '-q', '-b', 'main');
  cpSync('test/fixtures/policies/minimal', join(repo, 'policies', folder), { recursive: true });
  await releasePolicy(join(repo, 'policies', folder), '2026-01-01');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'Release 1.0.0');
  git(repo, 'checkout', '-qb', 'hostile');
  const path = join(repo, 'policies', folder, 'policy.md');
  writeFileSync(
    path,
    readFileSync(path, 'utf8')
      .replace('version: 1.0.0', 'version: 2.0.0')
      .replace('effective: 2026-01-01', 'effective: 2027-01-15')
      .replace('Our email provider sends messages for us.', `Our email provider sends messages for us. ${hostile}`)
      .replace('    label: Email provider\n', `    label: ${JSON.stringify(forgedHeading)}\n`)
      .replace('    purposes: [account, newsletter]\n', `    purposes: [account, newsletter]\n  - id: ad-network\n    label: ${JSON.stringify(hostile)}\n    role: independent-controller\n    categories: [email]\n    purposes: [account]\n`),
  );
  git(repo, 'commit', '-qam', 'Hostile labels');
}, 60_000);

/** The comment parsed as GitHub would (GFM), and turned into HTML elements. */
function render(markdown: string): { mdast: Root; hast: HastRoot } {
  const processor = unified().use(remarkParse).use(remarkGfm);
  const mdast = processor.parse(markdown);
  const hast = unified().use(remarkRehype).runSync(processor.runSync(mdast) as Root) as unknown as HastRoot;
  return { mdast, hast };
}

/** Our own HTML: the marker that finds the comment, and the prose details. */
const ownHtml = [new RegExp(`^${reviewMarker}$`), /^<details><summary>Already on the base: \d+ errors?, \d+ warnings?<\/summary>$/, /^<details><summary>Prose: \d+ words added, \d+ removed<\/summary>$/, /^<\/details>$/];

/** Assert that a rendered comment stays a comment: one heading per policy, only our own HTML, no mention and no link. */
function expectStaysComment(comment: string): string {
  const { mdast, hast } = render(comment);
  const headings: string[] = [];
  visit(mdast, 'heading', (node) => void headings.push(`h${node.depth}`));
  expect(headings).toEqual(['h2', 'h3']);
  const html: string[] = [];
  visit(mdast, 'html', (node) => void html.push(node.value));
  for (const value of html) expect(ownHtml.some((pattern) => pattern.test(value)), value).toBe(true);
  expect(html.filter((value) => value === reviewMarker)).toHaveLength(1);
  // Every <details> we open is closed.
  expect(html.filter((value) => value.startsWith('<details>')).length).toBe(html.filter((value) => value === '</details>').length);

  const elements: string[] = [];
  const texts: string[] = [];
  visit(hast, (node) => {
    if (node.type === 'element') elements.push((node as Element).tagName);
    if (node.type === 'text') texts.push(node.value);
  });
  expect(elements).not.toContain('img');
  expect(elements).not.toContain('a');
  const text = texts.join(' ');
  // GitHub links @user, #123, scheme:// and www. in text: each is broken by a word joiner.
  expect(text).not.toMatch(/@[A-Za-z0-9]/);
  expect(text).not.toMatch(/#\d/);
  expect(text).not.toMatch(/https?:\/\//);
  expect(text).not.toMatch(/www\./);
  return text;
}

describe('a review comment that stays a comment', () => {
  it('renders hostile ids, labels and prose with one heading per policy, no raw HTML, no mention and no link', async () => {
    const reviews = await reviewChanges(repo, 'main', '2026-11-27');
    expect(reviews.map((review) => review.id)).toEqual([folder]);
    const comment = renderReview(reviews, 'main');
    // The hostile texts reached the comment (as text): otherwise this test proves nothing.
    expect(comment).toContain('octocat');
    expect(comment).toContain('all checks passed');
    expect(comment).toContain('attacker.example');
    const text = expectStaysComment(comment);
    // The words are all there to read.
    expect(text.replace(/\u2060/g, '')).toContain('@octocat');
    expect(text.replace(/\u2060/g, '')).toContain('<img src="https://attacker.example/pixel.png">');
  });

  it('is cut to GitHub\'s 65,536 characters, escaped and closed, with a note saying where the full review is', async () => {
    const [review] = await reviewChanges(repo, 'main', '2026-11-27');
    // A huge pull request: new hostile findings, thousands already on the base (folded), and changes.
    const finding = { ...review!.findings[0]!, message: `${hostile} ${'x'.repeat(300)}` };
    const huge = { ...review!, introduced: Array.from({ length: 20 }, () => finding), existing: Array.from({ length: 2000 }, () => finding), diff: { ...review!.diff, changes: Array.from({ length: 500 }, () => review!.diff.changes).flat() } };
    const full = renderReview([huge], 'main', Infinity);
    expect(full.length).toBeGreaterThan(1_000_000);
    const comment = renderReview([huge], 'main');
    expect(Buffer.byteLength(comment, 'utf8')).toBeLessThanOrEqual(65_536);
    expect(Buffer.byteLength(comment, 'utf8')).toBeGreaterThan(60_000);
    expect(full.startsWith(comment.slice(0, comment.lastIndexOf('\n\n**This review is cut short**')).replace(/\n\n<\/details>$/, ''))).toBe(true);
    expect(comment).toMatch(/\*\*This review is cut short\*\*: GitHub takes at most 65,536 characters in a comment\. The full review is this workflow run's `policy-review` artifact, which `bin\/policy review --base main --format json` writes; `bin\/policy check policies` lists every finding\.\n$/);
    expectStaysComment(comment);
    // Cut inside the folded findings: those are closed before the note.
    expect(comment).toMatch(/<\/details>\n\n\*\*This review is cut short/);
    // A comment under the limit is not touched.
    const small = renderReview([review!], 'main');
    expect(small).toBe(renderReview([review!], 'main', Infinity));
    expect(small).not.toContain('cut short');
  });
});

describe('escaping for GitHub Markdown', () => {
  it('keeps any text on one line, as literal text', () => {
    const cases = ['a\nb', 'a\r\n## b', '<b>x</b>', '**bold** _it_ ~~s~~ `c`', '[a](b) ![i](j)', 'x | y', '\\', '@user #12 https://x.y www.z.w', 'a\u2028b\u0000c'];
    for (const text of cases) {
      const { mdast } = render(`- ${escapeInline(text)}`);
      const kinds: string[] = [];
      visit(mdast, (node) => void kinds.push(node.type));
      expect(kinds, text).toEqual(['root', 'list', 'listItem', 'paragraph', 'text']);
    }
  });

  it('makes code spans that no backtick in the text can close', () => {
    for (const text of ['a`b', '``x``', '`', 'a\nb']) {
      const { mdast } = render(codeSpan(text));
      const kinds: string[] = [];
      visit(mdast, (node) => void kinds.push(node.type));
      expect(kinds, text).toEqual(['root', 'paragraph', 'inlineCode']);
    }
  });
});
