import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { compilePolicy } from '../src/compile/policy.ts';
import { buildRules } from '../src/workspace/build-rules.ts';
import type { PolicyDocument } from '../src/model/policy.generated.ts';
import { utcDate, versionInForce } from '../src/runtime/in-force.ts';
import { createPolicy, NotInForceError, type CompiledPolicy } from '../src/runtime/policy-runtime.ts';
import { allaiVersions, documentsOf } from './support/documents.ts';

type Allai = CompiledPolicy<string, string, string, string, string>;

/** A released version with another number and effective date, as a later release would carry. */
function redate(document: PolicyDocument, version: string, effective: string): PolicyDocument {
  return { ...document, meta: { ...document.meta, version, effective } };
}

const at = (date: string) => () => Date.parse(`${date}T12:00:00Z`);

describe('versionInForce', () => {
  const versions = [
    { version: '1.0.0', effective: '2025-06-04' },
    { version: '2.0.0', effective: '2026-01-01' },
    { version: '2.0.1', effective: '2026-01-01' },
    { version: '2.1.0', effective: '2026-03-01' },
  ];

  it('is the highest version whose effective date has come, with the next to take effect', () => {
    expect(versionInForce(versions, '2025-12-31')).toMatchObject({ inForce: versions[0], upcoming: versions[1], pending: versions.slice(1) });
    // On its effective date a version is in force; a patch released for the same day wins.
    expect(versionInForce(versions, '2026-01-01')).toMatchObject({ inForce: versions[2], upcoming: versions[3] });
    expect(versionInForce(versions, '2026-03-01')).toEqual({ inForce: versions[3], upcoming: null, pending: [] });
  });

  it('has nothing in force before the first effective date', () => {
    expect(versionInForce(versions, '2025-06-03')).toEqual({ inForce: null, upcoming: versions[0], pending: versions });
    expect(versionInForce([], '2025-06-03')).toEqual({ inForce: null, upcoming: null, pending: [] });
  });
});

describe('one table for both runtimes (test/fixtures/in-force/cases.json)', () => {
  interface Cases {
    inForce: { why: string; versions: [string, string][]; date: string; expect: { inForce: string | null; upcoming: string | null; pending: string[] } }[];
    utcDate: ({ why: string; input: string } & ({ expect: string } | { error: string }))[];
  }
  const table = join(import.meta.dirname, 'fixtures/in-force/cases.json');
  const cases = JSON.parse(readFileSync(table, 'utf8')) as Cases;
  const expectedDate = (entry: Cases['utcDate'][number]) => ('expect' in entry ? { value: entry.expect } : { error: entry.error });

  it('is answered by the TypeScript runtime', () => {
    for (const entry of cases.inForce) {
      const selected = versionInForce(entry.versions.map(([version, effective]) => ({ version, effective })), entry.date);
      expect({ inForce: selected.inForce?.version ?? null, upcoming: selected.upcoming?.version ?? null, pending: selected.pending.map((version) => version.version) }, entry.why).toEqual(entry.expect);
    }
    for (const entry of cases.utcDate) {
      let answer: { value: string } | { error: string };
      try {
        answer = { value: utcDate(entry.input) };
      } catch (error) {
        answer = { error: (error as Error).message };
      }
      expect(answer, entry.why).toEqual(expectedDate(entry));
    }
  });

  it('is answered by the Python runtime, the same way', () => {
    const runtime = join(import.meta.dirname, '../src/runtime/python');
    const output = JSON.parse(execFileSync('python3', [join(import.meta.dirname, 'fixtures/in-force/run_cases.py'), runtime, table], { encoding: 'utf8' })) as { inForce: unknown[]; utcDate: unknown[] };
    cases.inForce.forEach((entry, index) => expect(output.inForce[index], entry.why).toEqual(entry.expect));
    cases.utcDate.forEach((entry, index) => expect(output.utcDate[index], entry.why).toEqual(expectedDate(entry)));
  });
});

describe('the Python runtime in a running service', () => {
  it('searches the versions once until the next one takes effect, then switches at midnight UTC', async () => {
    const [first, , widening] = await documentsOf(...allaiVersions);
    const data = compilePolicy([first!, redate(widening!, '2.0.0', '2026-01-01')]);
    const script = `import json, sys
sys.path.insert(0, sys.argv[1])
import _runtime
searches = []
search = _runtime.version_in_force
def counted(*args):
    searches.append(args[1])
    return search(*args)
_runtime.version_in_force = counted
now = [1767225599.0 - 86400]  # 2025-12-30T23:59:59Z
policy = _runtime.load_policy(sys.stdin.read(), clock=lambda: now[0])
answers = []
for step in range(3):
    answers.append([policy.can(purpose="marketing", category="contact") for _ in range(1000)][-1])
    version = policy.in_force().version
    now[0] += 86400 / 2
print(json.dumps({"answers": answers, "searches": searches, "version": version}))`;
    const output = JSON.parse(execFileSync('python3', ['-c', script, join(import.meta.dirname, '../src/runtime/python')], { input: JSON.stringify(data), encoding: 'utf8' })) as { answers: boolean[]; searches: string[]; version: string };
    // 30 Dec 23:59:59, 31 Dec 11:59:59 (1.0.0, 2.0.0 pending), then 31 Dec 23:59:59: still 1.0.0.
    expect(output.answers).toEqual([false, false, false]);
    // 3000 calls, one search: the answer is kept until 2.0.0's effective date.
    expect(output.searches).toEqual(['2025-12-30']);
    expect(output.version).toBe('1.0.0');
    const after = script.replace('for step in range(3):', 'for step in range(4):');
    const switched = JSON.parse(execFileSync('python3', ['-c', after, join(import.meta.dirname, '../src/runtime/python')], { input: JSON.stringify(data), encoding: 'utf8' })) as { answers: boolean[]; searches: string[]; version: string };
    // The fourth step is 1 Jan 11:59:59: 2.0.0 is in force, found by one more search.
    expect(switched.answers).toEqual([false, false, false, true]);
    expect(switched.searches).toEqual(['2025-12-30', '2026-01-01']);
    expect(switched.version).toBe('2.0.0');
  });
});

describe('the rules runtime answers for the version in force', () => {
  // 1.0.0 and 1.1.0 in force; 2.0.0 (marketing may use contact details: material) released
  // with a notice period, effective 2026-01-01; then a typo-fix patch 2.0.1 on the same date.
  let documents: PolicyDocument[];
  beforeAll(async () => {
    const [first, narrowing, widening] = await documentsOf(...allaiVersions);
    documents = [first!, redate(narrowing!, '1.1.0', '2025-09-01'), redate(widening!, '2.0.0', '2026-01-01'), redate(widening!, '2.0.1', '2026-01-01')];
  });

  it('does not allow a new purpose before the version adding it takes effect', () => {
    const policy: Allai = createPolicy(compilePolicy(documents), { clock: at('2025-12-15') });
    expect(policy.version).toBe('1.1.0');
    expect(policy.effective).toBe('2025-09-01');
    expect(policy.can({ purpose: 'marketing', category: 'contact' })).toBe(false);
    expect(() => policy.assertAllowed({ purpose: 'marketing', category: 'contact' })).toThrow('allai@1.1.0 does not allow this');
    expect(policy.upcoming?.version).toBe('2.0.0');
    expect(policy.upcoming?.effective).toBe('2026-01-01');
    expect(policy.upcoming?.can({ purpose: 'marketing', category: 'contact' })).toBe(true);
  });

  it('switches on the effective date, to the latest patch of that day', () => {
    const policy: Allai = createPolicy(compilePolicy(documents), { clock: at('2026-01-01') });
    expect(policy.version).toBe('2.0.1');
    expect(policy.can({ purpose: 'marketing', category: 'contact' })).toBe(true);
    expect(policy.upcoming).toBeNull();
  });

  it('follows the clock across midnight UTC in a running service', () => {
    let now = Date.parse('2025-12-31T23:59:59Z');
    const policy: Allai = createPolicy(compilePolicy(documents), { clock: () => now });
    expect(policy.can({ purpose: 'marketing', category: 'contact' })).toBe(false);
    now += 1000;
    expect(policy.can({ purpose: 'marketing', category: 'contact' })).toBe(true);
    expect(policy.version).toBe('2.0.1');
  });

  it('answers for any date and any version', () => {
    const policy: Allai = createPolicy(compilePolicy(documents), { clock: at('2025-12-15') });
    expect(policy.onDate('2025-07-01').version).toBe('1.0.0');
    expect(policy.onDate(new Date('2026-02-01T00:30:00Z')).version).toBe('2.0.1');
    expect(policy.onDate('2026-01-01').can({ purpose: 'marketing', category: 'contact' })).toBe(true);
    expect(policy.at('2.0.0').version).toBe('2.0.0');
    expect(() => policy.onDate('2025-01-01')).toThrow(NotInForceError);
    expect(() => policy.onDate('2025-01-01')).toThrow('allai is not in force on 2025-01-01: its first version, 1.0.0, takes effect on 2025-06-04');
    // Changes reach the newest release: users are told before it takes effect.
    expect(policy.mustNotify('1.1.0')).toBe(true);
  });

  it('reads a date-time in UTC and refuses what is not a date', () => {
    const policy: Allai = createPolicy(compilePolicy(documents), { clock: at('2025-12-15') });
    // 23:30 on 31 December in New York is 1 January in UTC: 2.0.1 is in force.
    expect(policy.onDate('2025-12-31T23:30:00-05:00').version).toBe('2.0.1');
    expect(() => policy.onDate('next tuesday')).toThrow('Expected a date as YYYY-MM-DD, an ISO date-time or a valid Date, not "next tuesday"');
    expect(() => policy.onDate(new Date('nonsense'))).toThrow(TypeError);
  });

  it('refuses to answer before the policy takes effect, naming the date', () => {
    const policy: Allai = createPolicy(compilePolicy(documents), { clock: at('2025-01-01') });
    expect(() => policy.can({ purpose: 'billing', category: 'payment' })).toThrow(NotInForceError);
    expect(() => policy.version).toThrow('allai is not in force on 2025-01-01: its first version, 1.0.0, takes effect on 2025-06-04');
    // What comes next is known all the same.
    expect(policy.upcoming?.version).toBe('1.0.0');
  });

  it('is what the emitted module exports', async () => {
    const out = mkdtempSync(join(tmpdir(), 'in-force-'));
    const [built] = await buildRules(documents, out);
    const module = (await import(pathToFileURL(built!.modulePath).href)) as { policy: Allai; NotInForceError: typeof Error };
    // The real clock is past 2026-01-01 for this project's tests; the versions are all in force.
    const today = new Date().toISOString().slice(0, 10);
    expect(module.policy.version).toBe(versionInForce(documents.map((document) => document.meta), today).inForce!.version);
    expect(module.policy.onDate('2025-12-15').version).toBe('1.1.0');
    expect(module.policy.onDate('2025-12-15').can({ purpose: 'marketing', category: 'contact' })).toBe(false);
    expect(() => module.policy.onDate('2025-01-01')).toThrow(module.NotInForceError);
  }, 60_000);
});
