import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { releasePolicy } from '../src/history/release.ts';
import { git } from './support/git.ts';

const cli = join(import.meta.dirname, '../src/cli/main.ts');
const golden = 'test/fixtures/review/material-change.md';

const review = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [cli, 'review', '--date', '2026-11-27', ...args], { cwd, encoding: 'utf8' });

/** A repository whose `main` has a released policy, and a branch with a material change to it. */
let repo: string;
beforeAll(async () => {
  repo = mkdtempSync(join(tmpdir(), 'review-'));
  git(repo, 'init', '-q', '-b', 'main');
  cpSync('test/fixtures/policies/minimal', join(repo, 'policies/minimal'), { recursive: true });
  await releasePolicy(join(repo, 'policies/minimal'), '2026-01-01');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'Release 1.0.0');
  git(repo, 'checkout', '-qb', 'add-ad-network');
  const path = join(repo, 'policies/minimal/policy.md');
  writeFileSync(
    path,
    readFileSync(path, 'utf8')
      .replace('version: 1.0.0', 'version: 2.0.0')
      .replace('effective: 2026-01-01', 'effective: 2027-01-15')
      .replace('updated: 2026-01-01', 'updated: 2026-11-27')
      .replace('Our email provider sends messages for us.', 'Our email provider sends messages for us. An advertising network receives your email address to show you ads. <!-- reviewed: the ads are shown in the newsletter, which the newsletter purpose covers -->')
      .replace('    purposes: [account, newsletter]\n', '    purposes: [account, newsletter]\n  - id: ad-network\n    label: Advertising network\n    role: independent-controller\n    categories: [email]\n    purposes: [newsletter]\n'),
  );
  git(repo, 'commit', '-qam', 'Share email addresses with an advertising network');
}, 60_000);

describe('policy review', () => {
  it('writes the pull-request comment for a material change (reviewed golden file)', () => {
    const result = review(repo, '--base', 'main');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, result.stdout);
    expect(result.stdout).toBe(readFileSync(golden, 'utf8'));
  });

  it('gives the legal reason of each classified change in the change table', () => {
    const result = review(repo, '--base', 'main');
    const row = result.stdout.split('\n').find((line) => line.includes('new recipient: Advertising network'));
    // The reviewer checks the judgement, not only the verdict: the row ends with why it is material.
    expect(row).toMatch(/\| Sharing personal data with someone new widens processing: [^|]+ \|$/);
    expect(result.stdout).toContain('| | change | class | users get | who | why |');
  });

  it('works in a shallow CI clone by fetching the base', () => {
    const clone = mkdtempSync(join(tmpdir(), 'review-clone-'));
    git(clone, 'clone', '-q', '--depth=1', '--branch', 'add-ad-network', `file://${repo}`, 'work');
    const result = review(join(clone, 'work'), '--base', 'origin/main');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('### minimal: 1.0.0 → 2.0.0');
  });

  it('says what to fetch when the base cannot be found', () => {
    const result = review(repo, '--base', 'no-such-branch');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/the base no-such-branch is not in this clone .*git fetch --depth=1 origin no-such-branch/);
  });

  it('states the same earliest date as the check, and never approves a date it refuses', () => {
    const path = join(repo, 'policies/minimal/policy.md');
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, original.replace('effective: 2027-01-15', 'effective: 2026-12-01'));
    try {
      const result = review(repo, '--base', 'main');
      const earliest = 'the earliest allowed effective date is 2026-12-27, because a material change must give users 30 days of notice from the day notices can go out (the release day, 2026-11-27)';
      expect(result.stdout).toContain(`**Dates.** If merged and released on 2026-11-27, effective 2026-12-01: ${earliest} ❌`);
      expect(result.stdout).toContain(`effective-date-too-early: If released today (2026-11-27), version 2.0.0 cannot take effect on 2026-12-01: this material change needs 30 days of notice; ${earliest}.`);
      // No notice deadline before the release day: the notification line names the date to move to instead.
      expect(result.stdout).not.toMatch(/by 2026-11-01/);
      expect(result.stdout).toMatch(/^\*\*Notification\.\*\* .*; with this effective date the notice would be due on 2026-11-01, before the release day, so move `effective` to 2026-12-27 or later first\.$/m);
    } finally {
      writeFileSync(path, original);
    }
  });

  it('reports a version too low for the change and fails', () => {
    const path = join(repo, 'policies/minimal/policy.md');
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, original.replace('version: 2.0.0', 'version: 1.1.0'));
    try {
      const result = review(repo, '--base', 'main');
      expect(result.status).toBe(1);
      expect(result.stdout).toContain('Declared: minor (1.0.0 → 1.1.0) ❌ too low');
      expect(result.stdout).toMatch(/❌ `policies\/minimal\/policy\.md:4:10` version-bump-too-small: These changes need a major version \(2\.0\.0\)/);
    } finally {
      writeFileSync(path, original);
    }
  });
});

describe('a review with findings old and new', () => {
  const goldenOldNew = 'test/fixtures/review/new-and-old-findings.md';
  let comment: string;
  beforeAll(async () => {
    // The base already has a placeholder; the pull request adds a recipient and a second placeholder.
    const dir = mkdtempSync(join(tmpdir(), 'review-old-new-'));
    git(dir, 'init', '-q', '-b', 'main');
    cpSync('test/fixtures/policies/minimal', join(dir, 'policies/minimal'), { recursive: true });
    const path = join(dir, 'policies/minimal/policy.md');
    writeFileSync(path, readFileSync(path, 'utf8').replace('We collect your email address when you sign up.', 'We collect your email address when you sign up. TODO: say how.'));
    await releasePolicy(join(dir, 'policies/minimal'), '2026-01-01');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'Release 1.0.0');
    git(dir, 'checkout', '-qb', 'add-ad-network');
    writeFileSync(
      path,
      readFileSync(path, 'utf8')
        .replace('version: 1.0.0', 'version: 2.0.0')
        .replace('effective: 2026-01-01', 'effective: 2027-01-15')
        .replace('updated: 2026-01-01', 'updated: 2026-11-27')
        .replace('Our email provider sends messages for us.', 'Our email provider sends messages for us. An advertising network receives your email address to show you ads; write to [insert email address] to object. <!-- reviewed: the ads are shown in the newsletter, which the newsletter purpose covers -->')
        .replace('    purposes: [account, newsletter]\n', '    purposes: [account, newsletter]\n  - id: ad-network\n    label: Advertising network\n    role: independent-controller\n    categories: [email]\n    purposes: [newsletter]\n'),
    );
    git(dir, 'commit', '-qam', 'Share email addresses with an advertising network');
    const result = review(dir, '--base', 'main');
    expect(result.status, result.stderr).toBe(0);
    comment = result.stdout;
  }, 60_000);

  it('matches its reviewed golden file', () => {
    if (process.env.UPDATE_GOLDEN) writeFileSync(goldenOldNew, comment);
    expect(comment).toBe(readFileSync(goldenOldNew, 'utf8'));
  });

  it('renders in GitHub-flavoured Markdown with the new finding first and the old one folded', () => {
    const tree = unified().use(remarkParse).use(remarkGfm).parse(comment) as Root;
    const top = tree.children;
    const text = (node: unknown): string => {
      const value = node as { value?: string; children?: unknown[] };
      return value.value ?? (value.children ?? []).map(text).join('');
    };
    const lists = top.flatMap((node, index) => (node.type === 'list' ? [{ index, text: text(node) }] : []));
    const newList = lists.find((list) => list.text.includes('[insert email address]'))!;
    const oldList = lists.find((list) => list.text.includes('TODO'))!;
    const open = top.findIndex((node) => node.type === 'html' && node.value.startsWith('<details><summary>Already on the base: 0 errors, 1 warning'));
    const close = top.findIndex((node, index) => index > open && node.type === 'html' && node.value === '</details>');
    expect(newList.index).toBeLessThan(open);
    expect(open).toBeLessThan(oldList.index);
    expect(oldList.index).toBeLessThan(close);
    expect(newList.text).not.toContain('TODO');
    // Places are code spans, not literal backticks; the fix is given with the finding.
    const codes: string[] = [];
    const visit = (node: { type: string; value?: string; children?: unknown[] }) => {
      if (node.type === 'inlineCode') codes.push(node.value!);
      for (const child of node.children ?? []) visit(child as typeof node);
    };
    visit(tree as never);
    expect(codes.some((code) => /^policies\/minimal\/policy\.md:\d+:\d+$/.test(code))).toBe(true);
    expect(text(tree)).not.toContain('`');
    expect(comment).toContain('**Earliest effective date:** 2026-12-27, if merged and released on 2026-11-27.');
    expect(comment).toContain('**Material change: needs a major version.**');
    expect(comment).not.toMatch(/released today/i);
  });
});
