import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { releasePolicy } from '../src/history/release.ts';
import type { PublishedVersions } from '../src/model/versions.generated.ts';
import { sha256 } from '../src/model/canonical.ts';
import { verifyAgainst } from '../src/runtime/verify.ts';
import { loadSiteData } from '../src/site/data.ts';
import { annotationKeywords } from '../src/validate/compile.ts';

// /<id>/versions.json, the site's feed for machines, from a policy released twice: 1.0.0, then
// 2.0.0 (a consent purpose, a wider recipient and a longer retention) effective 2026-06-01.
let feed: PublishedVersions;
let root: string;

beforeAll(async () => {
  const project = mkdtempSync(join(tmpdir(), 'versions-feed-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ private: true, policy: { packages: { scope: '@example', name: '{id}-rules' } } }));
  root = join(project, 'policies');
  const folder = join(root, 'shop');
  mkdirSync(folder, { recursive: true });
  cpSync('test/fixtures/package/shop/1.0.0/policy.md', join(folder, 'policy.md'));
  expect((await releasePolicy(folder, '2025-12-01')).entry?.version).toBe('1.0.0');
  cpSync('test/fixtures/package/shop/2.0.0/policy.md', join(folder, 'policy.md'));
  const second = await releasePolicy(folder, '2026-05-01');
  expect(second.entry?.version, second.files.flatMap((file) => file.messages.map(String)).join('\n') + (second.refusal ?? '')).toBe('2.0.0');
  const policies = await loadSiteData(root, '2026-03-01');
  expect(policies).toHaveLength(1);
  feed = policies[0]!.feed;
}, 60_000);

describe('versions.json', () => {
  it('validates against its JSON Schema', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
    ajv.addVocabulary([...annotationKeywords]);
    // The feed takes its action values from the change schema, which the site serves beside it.
    ajv.addSchema(JSON.parse(readFileSync('schema/change.schema.json', 'utf8')));
    const validate = ajv.compile(JSON.parse(readFileSync('schema/versions.schema.json', 'utf8')));
    expect(validate(feed), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...feed, versions: [{ ...feed.versions[0], rulesSha256: 'abc' }] })).toBe(false);
  });

  it('lists every released version with its dates and the hashes of the manifest', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'shop/versions/manifest.json'), 'utf8')) as { versions: { version: string; sha256: string; rulesSha256: string; released: string }[] };
    expect(feed.versions.map(({ version, effective, released }) => ({ version, effective, released }))).toEqual([
      { version: '1.0.0', effective: '2026-01-01', released: '2025-12-01' },
      { version: '2.0.0', effective: '2026-06-01', released: '2026-05-01' },
    ]);
    feed.versions.forEach((version, index) => {
      expect(version.rulesSha256).toBe(manifest.versions[index]!.rulesSha256);
      expect(version.documentSha256).toBe(manifest.versions[index]!.sha256);
      expect(version.rules).toBe(`/shop/v/${version.version}/rules.json`);
    });
  });

  it('names the packages as package.json configures them, at the latest released version', () => {
    expect(feed.package).toEqual({ npm: '@example/shop-rules', python: 'shop-rules', version: '2.0.0' });
  });

  it('says which version is in force on the day it was built', () => {
    expect(feed).toMatchObject({ policy: 'shop', asOf: '2026-03-01', inForce: '1.0.0' });
  });

  it('classifies each version with the reasons, in plain words', () => {
    expect(feed.versions[0]!.classification).toEqual({ bump: 'initial', material: false, action: 'none', reasons: [] });
    const second = feed.versions[1]!.classification;
    expect(second).toMatchObject({ bump: 'major', material: true, action: 'reconsent' });
    expect(second.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/newsletter/i), expect.stringMatching(/courier/i), expect.stringMatching(/orders/i)]));
  });

  it('is what a package verifies its hashes against', () => {
    const hashes = Object.fromEntries(feed.versions.map((version) => [version.version, version.rulesSha256]));
    expect(verifyAgainst('shop', hashes, JSON.stringify(feed))).toEqual({ ok: true, matched: ['1.0.0', '2.0.0'], problems: [], newer: [] });
    // A package built before 2.0.0 learns of it from the feed.
    expect(verifyAgainst('shop', { '1.0.0': hashes['1.0.0']! }, feed)).toMatchObject({ ok: true, newer: ['2.0.0'] });
    expect(verifyAgainst('shop', { '1.0.0': sha256('tampered') }, feed).problems[0]!.reason).toMatch(/^version 1\.0\.0's rules differ: the package has sha256 [0-9a-f]{64}, the site publishes [0-9a-f]{64}$/);
  });
});
