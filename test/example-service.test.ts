import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRules } from '../src/workspace/build-rules.ts';
import { checkPaths } from '../src/workspace/check.ts';
import { publishedDocuments } from '../src/history/published.ts';

const tsc = 'node_modules/.bin/tsc';

// The example imports dist/rules/allai/, exactly as a service in this repository would.
beforeAll(async () => {
  await buildRules(publishedDocuments(await checkPaths(['policies/allai'])), 'dist');
}, 60_000);

describe('examples/service', () => {
  it('type-checks against the compiled ALLAI module', () => {
    const result = spawnSync(tsc, ['-p', 'examples/service/tsconfig.json'], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('fails to compile when a purpose is misspelt', () => {
    const result = spawnSync(tsc, ['-p', 'examples/service/tsconfig.misspelt.json'], { encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stdout).toMatch(/misspelt-purpose\.ts\(5,\d+\): error TS2322: Type '"marketting"' is not assignable to type 'PurposeId/);
  });

  it('runs and decides requests from the policy', () => {
    const result = spawnSync(process.execPath, ['examples/service/check-request.ts'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { decision?: { allowed: boolean; reason?: string }; mustShowPolicy?: boolean });
    expect(lines.map((line) => line.decision?.allowed)).toEqual([true, false, true, undefined]);
    expect(lines[1]!.decision!.reason).toBe('allai@1.0.1 does not allow this: purpose `generate-content` is not declared to use category `payment`');
    expect(lines[3]!.mustShowPolicy).toBe(false);
  });
});
