import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { releasePolicy } from '../src/history/release.ts';
import { loadSiteData } from '../src/site/data.ts';
import { buildWorkspace } from '../src/workspace/build.ts';
import { readSiteDataText, siteDataPath, siteDataText, type BuiltSiteData } from '../src/workspace/build-site.ts';

// The site reads what `policy build` wrote and recomputes none of it; a missing or stale
// build output is built again in-process, with a warning that says so, and so is site data
// not sealed by this user's `policy build` (committed, restored from a cache, or forged).
let root: string;
let out: string;
const today = '2026-11-27';

beforeAll(async () => {
  const project = mkdtempSync(join(tmpdir(), 'site-built-'));
  root = join(project, 'policies');
  cpSync('test/fixtures/translations/policies/example', join(root, 'example'), { recursive: true });
  expect((await releasePolicy(join(root, 'example'), '2026-01-01')).entry?.version).toBe('1.0.0');
  out = join(project, 'dist');
  const outcome = await buildWorkspace([root], { out, pack: false, cwd: project });
  expect(outcome.built).toBe(true);
}, 120_000);

/** The site data `policy build` wrote for the example, as read back (sealed, so with its versions). */
function builtData(text: string): BuiltSiteData {
  const data = readSiteDataText(text);
  expect(data?.versions).toBeDefined();
  return data as BuiltSiteData;
}

/** Load the site data, collecting the warnings. */
async function load(options: { built?: string } = {}) {
  const warnings: string[] = [];
  const policies = await loadSiteData(root, today, { ...options, warn: (line) => warnings.push(line) });
  return { policies, warnings };
}

describe('the site over the build output', () => {
  it('reads the rendered prose, documents, rules and diffs from the build output without a warning', async () => {
    const { policies, warnings } = await load();
    expect(warnings).toEqual([]);
    const [example] = policies;
    expect(example!.current.entry.version).toBe('1.0.0');
    expect(example!.current.rulesJson).toBe(readFileSync(join(out, 'rules/example/1.0.0/rules.json'), 'utf8'));
    expect(example!.translations.map((translation) => translation.locale)).toEqual(['de']);
    // What it serves is what a build from scratch gives.
    const rebuilt = await load({ built: join(out, 'nothing-here') });
    expect(rebuilt.policies).toEqual(policies);
  });

  it('serves what the build wrote: the prose comes from site-data, not from parsing the snapshot again', async () => {
    const path = siteDataPath(out, 'example');
    const original = readFileSync(path, 'utf8');
    try {
      const data = builtData(original);
      data.versions[0]!.sections[0]!.html = '<p>marker written by the build</p>';
      // Sealed as `policy build` seals it, with this user's key.
      writeFileSync(path, siteDataText(data));
      const { policies, warnings } = await load();
      expect(warnings).toEqual([]);
      expect(policies[0]!.current.sections[0]!.html).toBe('<p>marker written by the build</p>');
    } finally {
      writeFileSync(path, original);
    }
  });

  it('builds in-process, with a warning, when the build output is missing', async () => {
    const { policies, warnings } = await load({ built: join(out, 'missing') });
    expect(warnings).toEqual([expect.stringMatching(/build output in .*missing does not exist; building .* now \(`npm run build` builds once for both\)$/)]);
    expect(policies.map((policy) => policy.id)).toEqual(['example']);
  });

  it('does not trust build output made from another manifest, by another engine, or missing a file', async () => {
    const path = siteDataPath(out, 'example');
    const original = readFileSync(path, 'utf8');
    try {
      for (const change of [{ manifestSha256: '0'.repeat(64) }, { engine: 'an older engine' }]) {
        writeFileSync(path, siteDataText({ ...builtData(original), ...change, versions: [] }));
        const { policies, warnings } = await load();
        expect(warnings).toEqual([expect.stringContaining('is stale or lacks example; building')]);
        expect(policies[0]!.versions.map((version) => version.entry.version)).toEqual(['1.0.0']);
      }
      rmSync(path);
      expect((await load()).warnings).toEqual([expect.stringContaining('is stale or lacks example')]);
      writeFileSync(path, original);
      // A file the site data points at, removed since the build.
      const rulesPath = join(out, 'rules/example/1.0.0/rules.json');
      const rules = readFileSync(rulesPath, 'utf8');
      rmSync(rulesPath);
      try {
        const { policies, warnings } = await load();
        expect(warnings).toEqual([expect.stringMatching(/is incomplete \(ENOENT.*rules\.json'\); building/)]);
        expect(policies[0]!.current.rulesJson).toBe(rules);
      } finally {
        writeFileSync(rulesPath, rules);
      }
    } finally {
      writeFileSync(path, original);
    }
  });

  it('does not publish site data forged with a correct manifest hash and engine but no seal of this user\'s', async () => {
    const path = siteDataPath(out, 'example');
    const original = readFileSync(path, 'utf8');
    const forged = builtData(original);
    forged.versions[0]!.sections[0]!.html = '<p>forged marker never released</p>';
    forged.versions[0]!.translations[0]!.sections[0]!.html = '<p>forged translation never released</p>';
    const body = JSON.stringify({ versions: forged.versions });
    // Sealed with another user's key: a `dist/` built elsewhere, committed or restored from a cache.
    const saved = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = mkdtempSync(join(tmpdir(), 'site-built-other-key-'));
    let otherKey: string;
    try {
      otherKey = siteDataText(forged);
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
    }
    const forgeries = {
      'sealed with another key': otherKey,
      'edited by hand, the stamp kept': `${original.slice(0, original.indexOf('\n'))}\n${body}\n`,
      'written by hand with no seal': `${JSON.stringify({ format: 2, policy: 'example', engine: forged.engine, manifestSha256: forged.manifestSha256 })}\n${body}\n`,
    };
    try {
      for (const [how, text] of Object.entries(forgeries)) {
        writeFileSync(path, text);
        const { policies, warnings } = await load();
        expect(warnings, how).toEqual([`policy site: the build output in ${out} holds ${path} without the seal of a \`policy build\` run by this user (committed to the repository, restored from a cache or written by hand), so its text is not published; building ${root} now (\`npm run build\` builds once for both)`]);
        const published = JSON.stringify(policies);
        expect(published, how).not.toContain('forged marker');
        expect(published, how).not.toContain('forged translation');
        // What is published is the released text, built again from the snapshots.
        expect(policies[0]!.current.sections[0]!.html, how).toBe(builtData(original).versions[0]!.sections[0]!.html);
        expect(policies[0]!.translations.map((translation) => translation.locale), how).toEqual(['de']);
      }
    } finally {
      writeFileSync(path, original);
    }
    expect((await load()).warnings).toEqual([]);
  });
});
