import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../src/model/canonical.ts';
import { toRecords } from '../src/diagnostics/format.ts';
import { releasePolicy } from '../src/history/release.ts';
import { loadSiteData } from '../src/site/data.ts';
import { checkPaths } from '../src/workspace/check.ts';
import { localeTag, translationFile, translationSnapshot } from '../src/translate/file-name.ts';
import { sidesToCompare } from '../src/workspace/sides.ts';
import { comparePolicies } from '../src/compare/compare.ts';
import { renderMarkdown, renderPretty } from '../src/compare/render.ts';
import { copyPolicy } from './support/workspace.ts';
import { buildHistory } from '../src/workspace/build-history.ts';
import { folderDerivedStore } from '../src/workspace/snapshot-cache.ts';
import type { PolicyDiff } from '../src/model/diff.generated.ts';
import { git } from './support/git.ts';
import { renderReview, reviewChanges } from '../src/review/review.ts';

/** The example policy with its German translation, released as 1.0.0 on 2026-01-01. */
async function released(): Promise<{ root: string; folder: string }> {
  const folder = copyPolicy('test/fixtures/translations/policies/example', 'example');
  const root = dirname(folder);
  const result = await releasePolicy(folder, '2026-01-01');
  expect(result.entry?.version, result.files.flatMap((file) => file.messages.map(String)).join('\n')).toBe('1.0.0');
  return { root, folder };
}

const findings = async (folder: string) =>
  toRecords((await checkPaths([join(folder, 'policy.md')], undefined, { today: '2026-11-27' })).map((result) => result.file)).map((record) => `${record.file.split('/').pop()}:${record.line} ${record.ruleId} ${record.message}`);

describe('translations are released text', () => {
  it('are snapshotted with the source and hashed in the manifest', async () => {
    const { folder } = await released();
    const german = readFileSync(join(folder, 'policy.de.md'));
    const manifest = JSON.parse(readFileSync(join(folder, 'versions/manifest.json'), 'utf8'));
    expect(manifest.versions[0].translations).toEqual([{ locale: 'de', file: '1.0.0.de.md', sha256: sha256(german) }]);
    expect(readFileSync(join(folder, 'versions/1.0.0.de.md')).equals(german)).toBe(true);
    expect(await findings(folder)).toEqual([]);
  });

  it('needs a release when a translation is edited after release, and the site keeps serving the released one', async () => {
    const { root, folder } = await released();
    const path = join(folder, 'policy.de.md');
    const original = readFileSync(path, 'utf8');
    // A wording change: the checker cannot read German, so an editor must confirm it says what policy.md says.
    writeFileSync(path, original.replace('wenn Sie sich registrieren.', 'wenn Sie sich anmelden.'));
    expect((await findings(folder)).sort()).toEqual([
      'policy.de.md:12 released-version-modified This translation is not the one released with version 1.0.0 on 2026-01-01: translations are released text, so the change needs a new version of the policy; give policy.md version 1.0.1 or higher and release it',
      expect.stringMatching(/^policy\.de\.md:12 undeclared-prose-change This text of the de translation is new or changed since version 1\.0\.0, and the checker reads only English/),
      'policy.md:4 released-version-modified Version 1.0.0 was released on 2026-01-01 and cannot change; give these edits version 1.0.1 or higher',
    ]);
    writeFileSync(path, readFileSync(path, 'utf8').replace('wenn Sie sich anmelden.', 'wenn Sie sich anmelden. <!-- reviewed: wording only, as policy.md says -->'));
    // Checked on its own (as an editor or `policy check policy.de.md` does), it says the same.
    const alone = await checkPaths([path], undefined, { today: '2026-11-27' });
    expect(alone.map((result) => result.file.path)).toEqual([path]);
    expect(alone[0]!.file.messages.map((message) => message.ruleId)).toEqual(['released-version-modified']);
    const refused = await releasePolicy(folder, '2026-11-27');
    expect(refused.entry).toBeUndefined();
    expect(refused.refusal).toBeUndefined(); // not "nothing to release": the findings say what to do

    const [site] = await loadSiteData(root, '2026-11-27');
    expect(site!.translations.map((translation) => translation.locale)).toEqual(['de']);
    const html = site!.translations[0]!.sections.map((section) => section.html).join('\n');
    expect(html).toContain('wenn Sie sich registrieren.');
    expect(html).not.toContain('anmelden');

    // Released as a patch, with the translation following it, the site serves the new text.
    writeFileSync(join(folder, 'policy.md'), readFileSync(join(folder, 'policy.md'), 'utf8').replace('version: 1.0.0', 'version: 1.0.1').replace(/^effective: .*$/m, 'effective: 2026-11-27'));
    writeFileSync(path, readFileSync(path, 'utf8').replace('translates: 1.0.0', 'translates: 1.0.1'));
    const patch = await releasePolicy(folder, '2026-11-27');
    expect(patch.entry, patch.files.flatMap((file) => file.messages.map(String)).join('\n')).toMatchObject({ version: '1.0.1', bump: 'patch', translations: [{ locale: 'de', file: '1.0.1.de.md' }] });
    const [after] = await loadSiteData(root, '2026-11-27');
    expect(after!.translations[0]!.sections.map((section) => section.html).join('\n')).toContain('anmelden');
  });

  it('a translation added after release needs a release too, and is not served before', async () => {
    const { root, folder } = await released();
    writeFileSync(join(folder, 'policy.fr.md'), readFileSync(join(folder, 'policy.de.md'), 'utf8').replace('locale: de', 'locale: fr'));
    expect((await findings(folder)).filter((line) => line.includes('released-version-modified')).map((line) => line.split(' ')[0]).sort()).toEqual(['policy.fr.md:1', 'policy.md:4']);
    const [site] = await loadSiteData(root, '2026-11-27');
    expect(site!.translations.map((translation) => translation.locale)).toEqual(['de']);
  });

  it('detects a released translation edited in versions/', async () => {
    const { folder } = await released();
    writeFileSync(join(folder, 'versions/1.0.0.de.md'), readFileSync(join(folder, 'versions/1.0.0.de.md'), 'utf8').replace('registrieren', 'anmelden'));
    expect((await findings(folder)).map((line) => line.replace(/^manifest\.json:\d+ /, 'manifest.json '))).toContain('manifest.json history-tampered The de translation released with 1.0.0 (1.0.0.de.md) is missing or was modified after release');
  });

  it('refuses a changed sentence of a translation it cannot read until an editor marks it reviewed', async () => {
    const { folder } = await released();
    const path = join(folder, 'policy.de.md');
    // German for "We pass your phone number on to advertising partners": no declaration says so, and the checker reads only English.
    writeFileSync(path, readFileSync(path, 'utf8').replace('wenn Sie sich registrieren.', 'wenn Sie sich registrieren. Wir geben Ihre Telefonnummer an Werbepartner weiter.').replace('translates: 1.0.0', 'translates: 1.0.1'));
    writeFileSync(join(folder, 'policy.md'), readFileSync(join(folder, 'policy.md'), 'utf8').replace('version: 1.0.0', 'version: 1.0.1').replace(/^effective: .*$/m, 'effective: 2026-11-27').replace(/^updated: .*$/m, 'updated: 2026-11-27'));
    expect((await findings(folder)).filter((line) => line.includes('undeclared-prose-change'))).toEqual([
      expect.stringContaining('policy.de.md:12 undeclared-prose-change This text of the de translation is new or changed since version 1.0.0'),
    ]);
    const refused = await releasePolicy(folder, '2026-11-27');
    expect(refused.entry).toBeUndefined();
    // Compared and marked reviewed by an editor, it passes.
    writeFileSync(path, readFileSync(path, 'utf8').replace('Telefonnummer an Werbepartner weiter.', 'Telefonnummer an Werbepartner weiter. <!-- reviewed: the advertising recipient is declared in policy.md -->'));
    expect((await findings(folder)).filter((line) => line.includes('undeclared-prose-change'))).toEqual([]);
  });

  it('checks new prose of an edited translation against the declarations', async () => {
    const { folder } = await released();
    const path = join(folder, 'policy.de.md');
    writeFileSync(path, readFileSync(path, 'utf8').replace('wenn Sie sich registrieren.', 'wenn Sie sich registrieren. We share your email address with advertising partners.'));
    expect((await findings(folder)).filter((line) => line.startsWith('policy.de.md') && line.includes('undeclared-prose-change'))).toEqual([
      expect.stringContaining('names "advertising partners", which no declaration contains'),
    ]);
  });

  it('are compared by policy diff: a changed translation is named and needs a patch version, as check says', async () => {
    const { folder } = await released();
    const diffOf = async (from: string, to: string) => comparePolicies(...(await sidesToCompare([folder, from, to], undefined)));
    expect((await diffOf('1.0.0', 'draft')).translations).toBeUndefined();
    const path = join(folder, 'policy.de.md');
    writeFileSync(path, readFileSync(path, 'utf8').replace('wenn Sie sich registrieren.', 'wenn Sie sich anmelden.'));
    const draft = await diffOf('1.0.0', 'draft');
    expect(draft.translations).toEqual([{ locale: 'de', change: 'changed' }]);
    expect(draft.requiredBump).toBe('patch');
    const pretty = renderPretty(draft, false);
    expect(pretty).toContain('translations only: a patch version\n');
    expect(pretty).toContain('Translations\n  ~ the de translation changed\n');
    expect(renderMarkdown(draft)).toContain('**Translations.** the de translation changed.');
    // Released as 1.0.1, the two versions differ by their translation; the draft is 1.0.1 again.
    writeFileSync(join(folder, 'policy.md'), readFileSync(join(folder, 'policy.md'), 'utf8').replace('version: 1.0.0', 'version: 1.0.1').replace(/^effective: .*$/m, 'effective: 2026-11-27'));
    writeFileSync(path, readFileSync(path, 'utf8').replace('translates: 1.0.0', 'translates: 1.0.1').replace('wenn Sie sich anmelden.', 'wenn Sie sich anmelden. <!-- reviewed: wording only -->'));
    expect((await releasePolicy(folder, '2026-11-27')).entry?.version).toBe('1.0.1');
    expect((await diffOf('1.0.0', '1.0.1')).translations).toEqual([{ locale: 'de', change: 'changed' }]);
    expect((await diffOf('1.0.1', 'draft')).translations).toBeUndefined();
    // policy build writes the same diff for the site and the auditors, translations included,
    // also when the snapshots' diff is in the build cache from a history without them.
    const out = mkdtempSync(join(tmpdir(), 'build-history-'));
    const diffs = folderDerivedStore<PolicyDiff>(mkdtempSync(join(tmpdir(), 'diff-cache-')), 'diff', Promise.resolve('engine-a'));
    const results = await checkPaths([join(folder, 'policy.md')], undefined, { today: '2026-11-27', store: false });
    await buildHistory(results, out, () => {}, diffs);
    const built = () => JSON.parse(readFileSync(join(out, 'diffs', 'example', '1.0.0..1.0.1.json'), 'utf8')) as PolicyDiff;
    const verdict = (diff: PolicyDiff) => ({ translations: diff.translations, requiredBump: diff.requiredBump, material: diff.material });
    expect(verdict(built())).toEqual({ translations: [{ locale: 'de', change: 'changed' }], requiredBump: 'patch', material: false });
    expect(verdict(built())).toEqual(verdict(await diffOf('1.0.0', '1.0.1')));
    await buildHistory(results, out, () => {}, diffs);
    expect(verdict(built())).toEqual(verdict(await diffOf('1.0.0', '1.0.1')));
    // A translation added to the draft, or removed from it, is named as such.
    writeFileSync(join(folder, 'policy.fr.md'), readFileSync(path, 'utf8').replace('locale: de', 'locale: fr'));
    rmSync(path);
    expect((await diffOf('1.0.1', 'draft')).translations).toEqual([{ locale: 'de', change: 'removed' }, { locale: 'fr', change: 'added' }]);
  });

  it('are named with the locale tag the schema allows, in policy folders and in versions/', () => {
    const schema = JSON.parse(readFileSync('schema/policy.schema.json', 'utf8'));
    expect(`^${localeTag}$`.replaceAll('(?:', '(')).toBe(schema.$defs.frontMatter.properties.locale.pattern);
    expect(translationFile.exec('policy.pt-BR.md')?.[1]).toBe('pt-BR');
    expect(translationSnapshot('1.0.0').test('1.0.0.pt-BR.md')).toBe(true);
    expect(translationSnapshot('1.0.0').test('1.0.0.md')).toBe(false);
    expect(translationSnapshot('1.0.0').test('1x0x0.de.md')).toBe(false);
  });

  it('are compared by policy diff --base as well: the draft translation against the one at the git ref', async () => {
    const { root } = await released();
    const repo = dirname(root);
    git(repo, 'init', '-q');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'Release example 1.0.0');
    const cwd = process.cwd();
    process.chdir(repo);
    try {
      const diffAtBase = async () => comparePolicies(...(await sidesToCompare(['example'], 'HEAD')));
      expect((await diffAtBase()).translations).toBeUndefined();
      const path = join(root, 'example', 'policy.de.md');
      writeFileSync(path, readFileSync(path, 'utf8').replace('wenn Sie sich registrieren.', 'wenn Sie sich anmelden.'));
      writeFileSync(join(root, 'example', 'policy.fr.md'), readFileSync(path, 'utf8').replace('locale: de', 'locale: fr'));
      const diff = await diffAtBase();
      expect(diff.translations).toEqual([{ locale: 'de', change: 'changed' }, { locale: 'fr', change: 'added' }]);
      expect(diff.requiredBump).toBe('patch');
    } finally {
      process.chdir(cwd);
    }
  });

  it('are reviewed in a pull request: a translation-only change needs a version, and the comment says which', async () => {
    const { root } = await released();
    const repo = dirname(root);
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'Release example 1.0.0');
    git(repo, 'checkout', '-qb', 'german-wording');
    const path = join(root, 'example', 'policy.de.md');
    writeFileSync(path, readFileSync(path, 'utf8').replace('wenn Sie sich registrieren.', 'wenn Sie sich anmelden.'));
    git(repo, 'commit', '-qam', 'German wording');
    const [review] = await reviewChanges(repo, 'main', '2026-11-27');
    expect(review!.diff.translations).toEqual([{ locale: 'de', change: 'changed' }]);
    expect(review!.diff.requiredBump).toBe('patch');
    expect(renderReview([review!], 'main')).toContain('**Translations.** the de translation changed: translations are released text.');
  });
});
