import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { VersionManifest } from '../src/model/manifest.generated.ts';
import { loadSiteData } from '../src/site/data.ts';

describe('the release chain head, published for outsiders (issue 19)', () => {
  it('is in /<id>/versions.json: the hash of the newest manifest entry', async () => {
    const root = 'test/fixtures/workspace/policies';
    const manifest = JSON.parse(readFileSync(`${root}/allai/versions/manifest.json`, 'utf8')) as VersionManifest;
    const [allai] = (await loadSiteData(root, '2026-11-27')).filter((policy) => policy.id === 'allai');
    expect(allai!.feed.manifestHead).toMatch(/^[0-9a-f]{64}$/);
    expect(allai!.feed.manifestHead).toBe(manifest.versions.at(-1)!.hash);
    // The site's pages and Atom feed show the newest version's entry hash: the same value.
    expect(allai!.versions[0]!.entry.hash).toBe(allai!.feed.manifestHead);
  });
});
