import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compilePolicy } from '../src/compile/policy.ts';
import { checkPaths } from '../src/workspace/check.ts';
import { releasePolicy } from '../src/history/release.ts';
import { createPolicy } from '../src/runtime/policy-runtime.ts';
import { loadSiteData } from '../src/site/data.ts';

// The site's data, without a browser: which version is current, which is announced.
let root: string;
beforeAll(async () => {
  root = join(mkdtempSync(join(tmpdir(), 'site-data-')), 'policies');
  const folder = join(root, 'changing');
  cpSync('test/fixtures/policies/minimal', folder, { recursive: true });
  const text = readFileSync(join(folder, 'policy.md'), 'utf8').replace('id: minimal', 'id: changing');
  writeFileSync(join(folder, 'policy.md'), text);
  expect((await releasePolicy(folder, '2026-01-01')).entry?.version).toBe('1.0.0');
  // A material change (a new recipient), released on 2026-11-01, effective 2027-01-01.
  writeFileSync(
    join(folder, 'policy.md'),
    text
      .replace('version: 1.0.0', 'version: 2.0.0')
      .replace('effective: 2026-01-01', 'effective: 2027-01-01')
      .replace('    purposes: [account, newsletter]\n', '    purposes: [account, newsletter]\n  - id: ad-network\n    label: Advertising network\n    role: independent-controller\n    categories: [email]\n    purposes: [account]\n'),
  );
  const released = await releasePolicy(folder, '2026-11-01');
  expect(released.entry?.version, released.files.flatMap((file) => file.messages.map(String)).join('\n') + (released.refusal ?? '')).toBe('2.0.0');
}, 60_000);

describe('the site data', () => {
  it('knows which declarations each section holds, also when the snapshots come from the cache', async () => {
    // The second load reads released snapshots from the check cache, which keeps no parse.
    const declared = async () => (await loadSiteData(root, '2026-12-15'))[0]!.versions.map((version) => Object.fromEntries(version.sections.map((section) => [section.id, section.declared])));
    const first = await declared();
    const second = await declared();
    expect(first[0]!['who-receives-it']).toEqual(['recipients/email-provider', 'recipients/ad-network']);
    expect(first[1]!['what-we-collect']).toEqual(['categories/email']);
    expect(second).toEqual(first);
  });

  it('shows the version in force as current and announces the upcoming one', async () => {
    const [policy] = await loadSiteData(root, '2026-12-15');
    expect(policy!.current.entry.version).toBe('1.0.0');
    expect(policy!.current.status).toBe('current');
    expect(policy!.upcoming?.entry.version).toBe('2.0.0');
    expect(policy!.versions.map((version) => [version.entry.version, version.status])).toEqual([['2.0.0', 'upcoming'], ['1.0.0', 'current']]);
  });

  it('makes the new version current on its effective date', async () => {
    const [policy] = await loadSiteData(root, '2027-01-01');
    expect(policy!.current.entry.version).toBe('2.0.0');
    expect(policy!.upcoming).toBeNull();
    expect(policy!.versions.map((version) => version.status)).toEqual(['current', 'superseded']);
  });

  it('never calls a version current before it takes effect', async () => {
    const [policy] = await loadSiteData(root, '2025-12-31');
    expect(policy!.current.status).toBe('upcoming');
    expect(policy!.upcoming).toBeNull();
  });

  it('agrees with the rules runtime on every date', async () => {
    const [checked] = await checkPaths([root]);
    const data = compilePolicy(checked!.history!.released.map((released) => released.document));
    for (const date of ['2026-01-01', '2026-12-31', '2027-01-01']) {
      const [policy] = await loadSiteData(root, date);
      const runtime = createPolicy(data, { clock: () => Date.parse(`${date}T00:00:00Z`) });
      expect(runtime.version, date).toBe(policy!.current.entry.version);
    }
  });
});
