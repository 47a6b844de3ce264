import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
      expect(JSON.parse(readFileSync(join(out, 'rules', data.id, version.rules.version, 'version-data.json'), 'utf8'))).toEqual(version);
    }
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
});
