import { describe, expect, it } from 'vitest';
import { classifyChanges, requiredBump } from '../src/classify/index.ts';
import type { PolicyDocument } from '../src/model/policy.generated.ts';
import { goldenCases, type GoldenCase } from './golden-changes.ts';
import { documentsOf } from './support/documents.ts';

const [allai] = await documentsOf('test/fixtures/workspace/policies/allai/versions/1.0.0.md');

function outcome(golden: GoldenCase) {
  const before: PolicyDocument = structuredClone(allai!);
  golden.base?.(before.declarations, before);
  const after = structuredClone(before);
  golden.edit(after.declarations, after);
  const changes = classifyChanges(before, after);
  return { changes, bump: requiredBump(changes, JSON.stringify(before) !== JSON.stringify(after)) };
}

const order = <T extends { path: string; change: string; reason: string }>(changes: readonly T[]): T[] => [...changes].sort((a, b) => `${a.path} ${a.change} ${a.reason}`.localeCompare(`${b.path} ${b.change} ${b.reason}`));

describe('reviewed golden change cases on ALLAI 1.0.0', () => {
  it('cover at least 40 cases, every failure class of issue 12, and each with a legal reason', () => {
    expect(goldenCases.length).toBeGreaterThanOrEqual(40);
    expect(goldenCases.filter((golden) => golden.regression).length).toBeGreaterThanOrEqual(12);
    expect(new Set(goldenCases.map((golden) => golden.name)).size).toBe(goldenCases.length);
    for (const golden of goldenCases) expect(golden.legal.length, golden.name).toBeGreaterThan(20);
  });

  it.each(goldenCases.map((golden) => [golden.name, golden] as const))('%s', (_name, golden) => {
    const { changes, bump } = outcome(golden);
    expect(bump).toBe(golden.bump);
    const actual = order(changes).map((change) => ({
      path: change.path, change: change.change, material: change.material, direction: change.direction, bump: change.bump, action: change.action,
      audience: change.audience, ...(change.purposes ? { purposes: change.purposes } : {}), reason: change.reason,
    }));
    expect(actual).toEqual(order(golden.changes).map((expected) => ({ audience: { scope: 'everyone' }, ...expected })));
    for (const change of changes) expect(change.legalReason.length).toBeGreaterThan(20);
  });
});
