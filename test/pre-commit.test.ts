import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { releasePolicy } from '../src/history/release.ts';
import { gitResult as git } from './support/git.ts';

const hook = resolve('scripts/hooks/pre-commit');
const cli = resolve('bin/policy');
const runHook = (cwd: string) => spawnSync('sh', [hook], { cwd, encoding: 'utf8', env: { ...process.env, POLICY_CLI: cli } });

let repo: string;
beforeAll(async () => {
  repo = mkdtempSync(join(tmpdir(), 'hook-'));
  git(repo, 'init', '-q', '-b', 'main');
  cpSync('test/fixtures/policies/minimal', join(repo, 'policies/minimal'), { recursive: true });
  await releasePolicy(join(repo, 'policies/minimal'), '2026-01-01');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'Release 1.0.0');
}, 60_000);

describe('the pre-commit hook', () => {
  it('checks the policy when a released snapshot is edited, and stops the commit', () => {
    const snapshot = join(repo, 'policies/minimal/versions/1.0.0.md');
    const original = readFileSync(snapshot, 'utf8');
    writeFileSync(snapshot, original.replace('when you sign up', 'when you register'));
    git(repo, 'add', '-A');
    try {
      const result = runHook(repo);
      expect(result.status, result.stderr).toBe(1);
      expect(result.stdout).toContain('history-tampered The snapshot of released version 1.0.0 (1.0.0.md) was modified after release');
    } finally {
      writeFileSync(snapshot, original);
      git(repo, 'add', '-A');
    }
  }, 60_000);

  it('compares a staged translation with the one released', async () => {
    const folder = join(repo, 'policies/example');
    cpSync('test/fixtures/translations/policies/example', folder, { recursive: true });
    await releasePolicy(folder, '2026-01-01');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'Release example 1.0.0');
    const german = join(folder, 'policy.de.md');
    const original = readFileSync(german, 'utf8');
    writeFileSync(german, original.replace('registrieren', 'anmelden'));
    git(repo, 'add', '-A');
    try {
      const result = runHook(repo);
      expect(result.status, result.stderr).toBe(1);
      expect(result.stdout).toContain('policy.de.md:12:1 error released-version-modified This translation is not the one released with version 1.0.0');
    } finally {
      writeFileSync(german, original);
      git(repo, 'add', '-A');
    }
  }, 60_000);

  it('lets an unrelated commit through', () => {
    writeFileSync(join(repo, 'notes.txt'), 'hello\n');
    git(repo, 'add', '-A');
    const result = runHook(repo);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
  }, 60_000);
});
