import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStamp } from '../src/compile/module.ts';
import { compilePolicy } from '../src/compile/policy.ts';
import type { PolicyDocument } from '../src/model/policy.generated.ts';
import { createPolicy, type CompiledPolicy, type LazyPolicyData, type PolicyData } from '../src/runtime/policy-runtime.ts';
import { buildRules } from '../src/workspace/build-rules.ts';
import { allaiVersions, documentsOf } from './support/documents.ts';

type Allai = CompiledPolicy<string, string, string, string, string>;
const at = (date: string) => () => Date.parse(`${date}T12:00:00Z`);

describe('versions loaded when asked', () => {
  let data: PolicyData;
  let out: string;
  beforeAll(async () => {
    const [first, narrowing, widening] = await documentsOf(...allaiVersions);
    const redate = (document: PolicyDocument, version: string, effective: string): PolicyDocument => ({ ...document, meta: { ...document.meta, version, effective } });
    data = compilePolicy([first!, redate(narrowing!, '1.1.0', '2025-09-01'), redate(widening!, '2.0.0', '2026-01-01')]);
    out = mkdtempSync(join(tmpdir(), 'rules-lazy-'));
    await buildRules([first!, redate(narrowing!, '1.1.0', '2025-09-01'), redate(widening!, '2.0.0', '2026-01-01')], out);
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  /** The data as a module embeds it, counting which versions were loaded. */
  const lazy = (): { data: LazyPolicyData; loads: string[] } => {
    const loads: string[] = [];
    return {
      loads,
      data: { id: data.id, versions: data.versions.map((version) => ({ version: version.rules.version, effective: version.rules.effective, load: () => (loads.push(version.rules.version), structuredClone(version)) })) },
    };
  };

  it('loads only the version in force to answer can(), and others on at(), onDate() and changesSince()', () => {
    const { data: embedded, loads } = lazy();
    const policy: Allai = createPolicy(embedded, { clock: at('2025-10-01') });
    expect(loads).toEqual([]);
    expect(policy.version).toBe('1.1.0');
    // In force and upcoming: 1.1.0 now, 2.0.0 from 2026-01-01.
    expect(loads).toEqual(['1.1.0', '2.0.0']);
    policy.can({ category: 'contact', purpose: 'marketing' });
    policy.at('1.1.0');
    expect(loads).toEqual(['1.1.0', '2.0.0']);
    expect(policy.onDate('2025-07-01').version).toBe('1.0.0');
    expect(loads).toEqual(['1.1.0', '2.0.0', '1.0.0']);
  });

  it('answers as the eager data does, for every version and question', () => {
    const eager: Allai = createPolicy(data, { clock: at('2025-10-01') });
    const { data: embedded } = lazy();
    const loaded: Allai = createPolicy(embedded, { clock: at('2025-10-01') });
    expect(loaded.versions).toEqual(eager.versions);
    expect(loaded.upcoming?.version).toBe(eager.upcoming?.version);
    for (const version of eager.versions) {
      expect(loaded.at(version).rules).toEqual(eager.at(version).rules);
      expect(loaded.at(version).can({ category: 'contact', purpose: 'marketing' })).toBe(eager.at(version).can({ category: 'contact', purpose: 'marketing' }));
      expect(loaded.changesSince(version)).toEqual(eager.changesSince(version));
      expect(loaded.requiresReconsent(version)).toBe(eager.requiresReconsent(version));
    }
  });

  it('is how the built module reads its versions: one data file each, next to a module that holds only their dates', async () => {
    const path = join(out, 'rules', data.id, 'index.js');
    const text = readFileSync(path, 'utf8');
    // Node reads the modules as ESM without parsing each twice to guess, wherever the folder is copied.
    expect(JSON.parse(readFileSync(join(out, 'rules', 'package.json'), 'utf8'))).toEqual({ type: 'module' });
    for (const version of data.versions) {
      expect(text).not.toContain(version.hash);
      expect(JSON.parse(readFileSync(join(out, 'rules', data.id, version.rules.version, 'version-data.json'), 'utf8'))).toEqual({ build: buildStamp(data), ...version });
    }
    expect(text).toContain(`const build = "${buildStamp(data)}";`);
    // The module grows by its index only: the same policy with one version differs by two short entries.
    const single = mkdtempSync(join(tmpdir(), 'rules-lazy-'));
    try {
      const [first] = await documentsOf(allaiVersions[0]!);
      await buildRules([first!], single);
      const singleText = readFileSync(join(single, 'rules', data.id, 'index.js'), 'utf8');
      expect(text.length - singleText.length).toBeLessThan(100);
    } finally {
      rmSync(single, { recursive: true, force: true });
    }
    const module = (await import(pathToFileURL(path).href)) as { policy: Allai };
    const eager: Allai = createPolicy(data);
    expect(module.policy.versions).toEqual(['1.0.0', '1.1.0', '2.0.0']);
    expect(module.policy.version).toBe(eager.version);
    expect(module.policy.at('1.0.0').rules).toEqual(eager.at('1.0.0').rules);
    expect(module.policy.changesSince('1.1.0')).toEqual(eager.changesSince('1.1.0'));
  });

  it('reads a version only when asked, and says which file is missing or broken', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'rules-lazy-'));
    try {
      cpSync(join(out, 'rules'), copy, { recursive: true });
      rmSync(join(copy, data.id, '1.0.0', 'version-data.json'));
      writeFileSync(join(copy, data.id, '1.1.0', 'version-data.json'), '{"rules": ');
      const { policy } = (await import(pathToFileURL(join(copy, data.id, 'index.js')).href)) as { policy: Allai };
      // The version in force (2.0.0, effective 2026-01-01, is the newest) answers without the others.
      expect(policy.version).toBe('2.0.0');
      expect(policy.can({ category: 'contact', purpose: 'marketing' })).toBe(createPolicy(data).can({ category: 'contact', purpose: 'marketing' }));
      expect(() => policy.at('1.0.0')).toThrow(/^allai 1\.0\.0: cannot read its compiled data .*\/allai\/1\.0\.0\/version-data\.json \(ENOENT\): the rules were copied or installed incompletely; rebuild or reinstall them$/);
      expect(() => policy.onDate('2025-10-01')).toThrow(/^allai 1\.1\.0: its compiled data .*\/allai\/1\.1\.0\/version-data\.json is not the JSON `policy build` wrote \(.+\); rebuild or reinstall the rules$/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('refuses a version file of another build, as when the rules are upgraded in place under a running service', async () => {
    // The build before 2.0.0 was released: the same 1.0.0 rules, but its changes to the newest version end at 1.1.0.
    const older = mkdtempSync(join(tmpdir(), 'rules-lazy-'));
    const copy = mkdtempSync(join(tmpdir(), 'rules-lazy-'));
    try {
      const [first, narrowing] = await documentsOf(allaiVersions[0]!, allaiVersions[1]!);
      const [olderBuild] = await buildRules([first!, { ...narrowing!, meta: { ...narrowing!.meta, version: '1.1.0', effective: '2025-09-01' } }], older);
      expect(olderBuild!.data.versions[0]!.hash).toBe(data.versions[0]!.hash);
      expect(buildStamp(olderBuild!.data)).not.toBe(buildStamp(data));
      cpSync(join(out, 'rules'), copy, { recursive: true });
      cpSync(join(older, 'rules', data.id, '1.0.0', 'version-data.json'), join(copy, data.id, '1.0.0', 'version-data.json'));
      const { policy } = (await import(pathToFileURL(join(copy, data.id, 'index.js')).href)) as { policy: Allai };
      expect(policy.at('1.1.0').version).toBe('1.1.0');
      const message = `allai 1.0.0: its compiled data ${join(copy, data.id, '1.0.0', 'version-data.json')} is from another build (stamped "${buildStamp(olderBuild!.data)}", this module is build "${buildStamp(data)}"): the rules were upgraded or copied partly while in use; reinstall them, or rebuild, and restart`;
      expect(() => policy.at('1.0.0')).toThrow(message);
      expect(() => policy.changesSince('1.0.0')).toThrow(message);
      // A data file without a stamp (written before stamps, or by hand) is refused the same way.
      const { build: _build, ...unstamped } = JSON.parse(readFileSync(join(out, 'rules', data.id, '1.1.0', 'version-data.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(copy, data.id, '1.1.0', 'version-data.json'), JSON.stringify(unstamped));
      const again = (await import(`${pathToFileURL(join(copy, data.id, 'index.js')).href}?again`)) as { policy: Allai };
      expect(() => again.policy.onDate('2025-10-01')).toThrow(/^allai 1\.1\.0: its compiled data .*\/allai\/1\.1\.0\/version-data\.json is from another build \(stamped null, this module is build "[0-9a-f]{16}"\): .*reinstall them/);
    } finally {
      rmSync(older, { recursive: true, force: true });
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
