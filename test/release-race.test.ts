import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockPath } from '../src/history/lock.ts';
import { releasePolicy } from '../src/history/release.ts';
import { verifyHistory } from '../src/history/verify.ts';
import { copyPolicy } from './support/workspace.ts';

const cli = join(import.meta.dirname, '../src/cli/main.ts');

/** A copy of the minimal policy under a fresh `policies/`. */
const copyMinimal = () => copyPolicy('test/fixtures/policies/minimal', 'minimal');

function run(cwd: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('releases that do not race (issue 19)', () => {
  it('lets exactly one of two concurrent releases through; the other says who holds the lock', async () => {
    const folder = copyMinimal();
    const [first, second] = await Promise.all([releasePolicy(folder, '2026-01-01'), releasePolicy(folder, '2026-01-01')]);
    const released = [first, second].filter((result) => result.entry);
    const refused = [first, second].filter((result) => !result.entry);
    expect(released).toHaveLength(1);
    expect(refused[0]!.refusal).toMatch(new RegExp(`^another \`policy release\` of this policy is running \\(process ${process.pid} on ${hostname()}, since .+\\); wait for it to finish`));
    const history = await verifyHistory(folder, 'minimal');
    expect(history.file.messages).toEqual([]);
    expect(history.released.map((version) => version.entry.version)).toEqual(['1.0.0']);
    expect(existsSync(lockPath(folder))).toBe(false);
  });

  it('two `policy release` processes at once: one releases, the other fails clearly, the history stays whole', async () => {
    const folder = copyMinimal();
    const cwd = join(folder, '..', '..');
    const results = await Promise.all([run(cwd, 'release', 'minimal', '--date', '2026-01-01'), run(cwd, 'release', 'minimal', '--date', '2026-01-01')]);
    const ok = results.filter((result) => result.status === 0);
    expect(ok, JSON.stringify(results)).toHaveLength(1);
    expect(ok[0]!.stdout).toContain('released minimal 1.0.0');
    const other = results.find((result) => result !== ok[0])!;
    expect(other.status).toBe(1);
    // Either it ran into the lock, or it started after the first had finished.
    expect(other.stderr).toMatch(/policy release: not released: (another `policy release` of this policy (is running|holds)|Nothing to release)/);
    expect((await verifyHistory(folder, 'minimal')).file.messages).toEqual([]);
  });

  it('takes over a lock whose process is gone (a release killed with -9)', async () => {
    const folder = copyMinimal();
    writeFileSync(lockPath(folder), `${JSON.stringify({ pid: 2 ** 22 + 17, host: hostname(), since: '2026-01-01T00:00:00.000Z' })}\n`);
    expect((await releasePolicy(folder, '2026-01-01')).entry).toMatchObject({ version: '1.0.0' });
  });

  it('completes an interrupted first release by running it again, and removes leftover temporary files', async () => {
    const folder = copyMinimal();
    // The crash: a first release wrote its snapshot and event, and was killed writing the manifest.
    const versions = join(folder, 'versions');
    cpSync('test/fixtures/policies/minimal/policy.md', join(versions, '1.0.0.md'));
    writeFileSync(join(versions, '1.0.0.event.json'), '{"partial');
    writeFileSync(join(versions, 'manifest.json.4242.tmp'), '{"policy": "minimal", "vers');
    const checked = await verifyHistory(folder, 'minimal');
    expect(checked.file.messages.map((message) => message.reason)).toEqual([
      'versions/ holds 1.0.0.event.json, 1.0.0.md but manifest.json is missing; if a first `policy release` was interrupted, run it again to complete it, or with --rollback to undo it',
    ]);
    const resumed = await releasePolicy(folder, '2026-01-01');
    expect(resumed.entry).toMatchObject({ version: '1.0.0', bump: 'initial' });
    expect(readdirSync(versions).sort()).toEqual(['1.0.0.event.json', '1.0.0.md', 'manifest.json']);
    expect(JSON.parse(readFileSync(join(versions, '1.0.0.event.json'), 'utf8'))).toMatchObject({ type: 'policy.released', policy: 'minimal' });
    expect((await verifyHistory(folder, 'minimal')).file.messages).toEqual([]);
  });

  it('rolls an interrupted release back with --rollback, and refuses to roll back released files', async () => {
    const folder = copyMinimal();
    await releasePolicy(folder, '2026-01-01');
    const versions = join(folder, 'versions');
    writeFileSync(join(versions, '1.0.1.md'), 'partial');
    const cwd = join(folder, '..', '..');
    const undone = await run(cwd, 'release', 'minimal', '--rollback');
    expect(undone.status, undone.stderr).toBe(0);
    expect(undone.stderr).toBe('policy release: Rolled back the interrupted release of 1.0.1: removed versions/1.0.1.md\n');
    expect(readdirSync(versions).sort()).toEqual(['1.0.0.event.json', '1.0.0.md', 'manifest.json']);
    const nothing = await releasePolicy(folder, '2026-01-02', { rollback: true });
    expect(nothing.refusal).toBe('Nothing to roll back: every file in versions/ belongs to a released version');
    expect(readdirSync(versions)).toHaveLength(3);
  });
});

describe('a release that fails half-way (issue 19)', () => {
  it('never crashes: a file it cannot replace is a refusal naming the cause, and running it again completes the release', async () => {
    const folder = copyMinimal();
    const versions = join(folder, 'versions');
    // Left by something else where the release must write its event: a folder, not a file.
    mkdirSync(join(versions, '1.0.0.event.json', 'stray'), { recursive: true });
    const failed = await releasePolicy(folder, '2026-01-01');
    expect(failed.entry).toBeUndefined();
    expect(failed.refusal).toMatch(/^could not release \(.*1\.0\.0\.event\.json.*\); no manifest entry was written: fix the cause, then run `policy release` again, or with --rollback to undo what was written$/);
    expect(existsSync(lockPath(folder))).toBe(false);
    rmSync(join(versions, '1.0.0.event.json'), { recursive: true });
    expect((await releasePolicy(folder, '2026-01-01')).entry).toMatchObject({ version: '1.0.0' });
    expect((await verifyHistory(folder, 'minimal')).file.messages).toEqual([]);
  });
});
