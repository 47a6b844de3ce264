import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRules } from '../src/workspace/build-rules.ts';
import { checkPaths } from '../src/workspace/check.ts';
import { publishedDocuments } from '../src/history/published.ts';

const tsc = resolve('node_modules/.bin/tsc');
// A copy of the repository's layout in a temporary folder: the example imports
// ../../dist/rules/allai/, exactly as a service in this repository would, and the test never
// writes into the repository's own dist/.
const copy = mkdtempSync(join(tmpdir(), 'example-service-'));
const service = join(copy, 'examples', 'service');

beforeAll(async () => {
  cpSync('examples/service', service, { recursive: true });
  symlinkSync(resolve('node_modules'), join(copy, 'node_modules'), 'dir');
  writeFileSync(join(copy, 'package.json'), JSON.stringify({ type: 'module' }));
  await buildRules(publishedDocuments(await checkPaths(['test/fixtures/workspace/policies/allai'])), join(copy, 'dist'));
}, 60_000);

describe('examples/service', () => {
  it('type-checks against the compiled ALLAI module', () => {
    const result = spawnSync(tsc, ['-p', join(service, 'tsconfig.json')], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('fails to compile when a purpose is misspelt', () => {
    const result = spawnSync(tsc, ['-p', join(service, 'tsconfig.misspelt.json')], { encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stdout).toMatch(/misspelt-purpose\.ts\(5,\d+\): error TS2322: Type '"marketting"' is not assignable to type 'PurposeId/);
  });

  it('runs and decides requests from the policy', () => {
    const result = spawnSync(process.execPath, [join(service, 'check-request.ts')], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { decision?: { allowed: boolean; reason?: string }; mustShowPolicy?: boolean });
    expect(lines.map((line) => line.decision?.allowed)).toEqual([true, false, true, undefined]);
    expect(lines[1]!.decision!.reason).toBe('allai@1.0.1 does not allow this: purpose `generate-content` is not declared to use category `payment`');
    expect(lines[3]!.mustShowPolicy).toBe(false);
  });
});
