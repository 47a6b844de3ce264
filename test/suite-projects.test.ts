import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import config from '../vitest.config.ts';

// The unit project's rule, a unit test starts no process, is enforced by test/support/unit-setup.ts;
// this file is a unit test, so it sees the rule from the inside.

describe('the test projects', () => {
  it('fail a unit test that starts a process, naming the file, the command and the way out', () => {
    expect(() => execFileSync(process.execPath, ['-e', '0'])).toThrow(
      `test/suite-projects.test.ts is a unit test but starts a process (child_process.execFileSync: ${process.execPath} -e 0): add it to the integration project's list in vitest.config.ts`,
    );
    expect(() => spawn('git', ['--version'])).toThrow(/starts a process \(child_process\.spawn: git --version\)/);
    const required = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
    expect(() => required.exec('true')).toThrow(/child_process\.exec: true/);
  });

  it('name only test files that exist, so a renamed test does not fall out of its project unnoticed', () => {
    const projects = (config.test?.projects ?? []) as { test: { name: string; include: string[] } }[];
    const named = projects.filter((project) => project.test.name !== 'unit').flatMap((project) => project.test.include);
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((path) => !existsSync(path))).toEqual([]);
  });
});
