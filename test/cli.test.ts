import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspace } from './support/workspace.ts';

const cli = join(import.meta.dirname, '../src/cli/main.ts');
const minimal = readFileSync('test/fixtures/policies/minimal/policy.md', 'utf8');

/** Run the CLI in the frozen workspace, where `policies/allai` is ALLAI as of 1.0.1. */
function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: workspace, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempPolicy(name: string, content: string | Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'policy-cli-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** No user should ever see a JavaScript stack trace. */
function expectNoStack(output: string) {
  expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(output).not.toMatch(/TypeError|ReferenceError|SyntaxError: /);
}

describe('policy --help', () => {
  it.each([[], ['check'], ['build']])('prints usage for %j', (...command) => {
    const { code, stdout } = run(...command.flat(), '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: policy/m);
  });

  it('exits 2 on an unknown command, without a stack trace', () => {
    const { code, stderr } = run('chek');
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown command 'chek'/);
    expectNoStack(stderr);
  });

  it('refuses a --date that is not a real day', () => {
    for (const [command, date] of [['check', '2025-02-30'], ['release', 'tomorrow']] as const) {
      const { code, stderr } = run(command, ...(command === 'release' ? ['allai'] : []), '--date', date);
      expect(code).toBe(2);
      expect(stderr).toMatch(/--date/);
      expectNoStack(stderr);
    }
  });

  it('exits 2 on an unknown format', () => {
    const { code, stderr } = run('check', '--format', 'xml', 'policies/allai');
    expect(code).toBe(2);
    expect(stderr).toMatch(/xml/);
  });
});

describe('policy check', () => {
  it('reports the ALLAI warnings as file:line:col severity rule-id message and exits 0', () => {
    const { code, stdout } = run('check', 'policies/allai');
    expect(code).toBe(0);
    const findings = stdout.split('\n').filter((line) => line.startsWith('policies/'));
    expect(findings.length).toBe(15);
    for (const line of findings) expect(line).toMatch(/^policies\/allai\/policy\.md:\d+:\d+ warning [a-z-]+ \S/);
    expect(stdout).toMatch(/1 file checked: 0 errors, 15 warnings/);
  });

  it('writes JSON for programs with --format json', () => {
    const { code, stdout } = run('check', '--format', 'json', 'policies/allai');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { diagnostics: { ruleId: string; line: number; column: number; severity: string }[]; summary: { errors: number; warnings: number } };
    expect(report.summary).toEqual({ errors: 0, warnings: 15, infos: 0 });
    expect(report.diagnostics.every((d) => d.line > 0 && d.column > 0 && d.severity === 'warning')).toBe(true);
  });

  it('writes SARIF 2.1.0 for code scanning', () => {
    const { code, stdout } = run('check', '--format', 'sarif', 'policies/allai');
    expect(code).toBe(0);
    const sarif = JSON.parse(stdout) as { version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    const [run0] = sarif.runs;
    expect(run0!.results).toHaveLength(15);
    for (const result of run0!.results) {
      expect(result.level).toBe('warning');
      expect(run0!.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
      expect(result.locations[0]!.physicalLocation.artifactLocation.uri).toBe('policies/allai/policy.md');
      expect(result.locations[0]!.physicalLocation.region.startLine).toBeGreaterThan(0);
    }
  });

  it('writes GitHub workflow commands that annotate the changed lines', () => {
    const { code, stdout } = run('check', '--format', 'github', 'policies/allai');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(15);
    for (const line of lines) expect(line).toMatch(/^::warning file=policies\/allai\/policy\.md,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+::\S/);
    const broken = tempPolicy('policy.md', minimal.replace('basis: contract', 'basis: contrakt'));
    const errors = run('check', '--format', 'github', broken);
    expect(errors.code).toBe(1);
    expect(errors.stdout).toMatch(/^::error file=.*policy\.md,line=34,col=12,.*title=invalid-value::Unexpected `contrakt` for `basis` of purpose `account`, did you mean `contract`\?/);
  });

  it('checks every policy under a folder', () => {
    const { code, stdout } = run('check', resolve('test/fixtures/translations/policies'));
    expect(code).toBe(0);
    // The policy and its German translation.
    expect(stdout).toMatch(/^2 files checked: 0 errors, 0 warnings$/m);
  });

  const broken: [string, string | Uint8Array, string, string][] = [
    ['malformed YAML', minimal.replace('locale: en', 'locale: [en'), 'yaml-syntax', ':8:'],
    ['an unknown key', minimal.replace('locale: en', 'locale: en\nlanguage: en'), 'unknown-key', ':8:1'],
    ['a wrong type', minimal.replace('  - id: email\n', '  - id: [email]\n'), 'wrong-type', ':21:9'],
    ['an invalid date', minimal.replace('effective: 2026-01-01', 'effective: 2026-02-30'), 'invalid-date', ':5:12'],
    ['an invalid duration', minimal.replace('noticePeriod: P30D', 'noticePeriod: 30 days'), 'invalid-duration', ':10:15'],
    ['an invalid version', minimal.replace('version: 1.0.0', 'version: v1.0'), 'invalid-version', ':4:10'],
    ['a broken reference', minimal.replace('categories: [email]\n  - id: newsletter', 'categories: [emial]\n  - id: newsletter'), 'unknown-reference', ':35:18'],
    ['an empty file', '', 'empty-file', ':1:1'],
    ['a binary file', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]), 'binary-file', ':1:5'],
    ['invalid UTF-8', new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]), 'binary-file', ':1:1'],
    ['a 10 MB file', `${minimal}\n${'x'.repeat(10 * 1024 * 1024)}\n`, 'file-too-large', ':1:1'],
  ];
  it.each(broken)('reports %s at file:line:col with its rule id and exits 1', (_name, content, rule, place) => {
    const path = tempPolicy('policy.md', content);
    const { code, stdout, stderr } = run('check', path);
    expect(code).toBe(1);
    const line = stdout.split('\n').find((text) => text.includes(` error ${rule} `));
    expect(line, stdout).toBeDefined();
    expect(line).toContain(`policy.md${place}`);
    expectNoStack(stdout + stderr);
  });

  it('reports a path that does not exist', () => {
    const { code, stdout } = run('check', 'policies/no-such-policy.md');
    expect(code).toBe(1);
    expect(stdout).toMatch(/policies\/no-such-policy\.md:1:1 error missing-file/);
  });

  it('exits 2 when a folder holds no policy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-empty-'));
    mkdirSync(join(dir, 'nothing'));
    const { code, stderr } = run('check', dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no policy files found/);
  });
});

describe('policy build', () => {
  it('writes the parsed document of each policy version', () => {
    const out = mkdtempSync(join(tmpdir(), 'policy-build-'));
    const { code, stderr } = run('build', 'policies', '--out', out);
    expect(code).toBe(0);
    // Every released version is built.
    expect(stderr).toMatch(/built allai 1\.0\.0/);
    expect(stderr).toMatch(/built allai 1\.0\.1/);
    const document = JSON.parse(readFileSync(join(out, 'policies/allai/1.0.0/document.json'), 'utf8')) as { meta: { id: string }; hash: string; sections: unknown[] };
    expect(document.meta.id).toBe('allai');
    expect(document.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(document.sections.length).toBeGreaterThan(0);
    // The rules, the diffs between released versions and their notification events.
    const manifest = JSON.parse(readFileSync(join(out, 'policies/allai/manifest.json'), 'utf8')) as { versions: { version: string; rulesSha256: string }[] };
    for (const entry of manifest.versions) expect(readFileSync(join(out, `rules/allai/${entry.version}/rules.sha256`), 'utf8')).toBe(`${entry.rulesSha256}  rules.json\n`);
    const diff = JSON.parse(readFileSync(join(out, 'diffs/allai/1.0.0..1.0.1.json'), 'utf8')) as { requiredBump: string; material: boolean };
    expect(diff).toMatchObject({ requiredBump: 'patch', material: false });
    expect(readFileSync(join(out, 'diffs/allai/1.0.0..1.0.1.md'), 'utf8')).toContain('prose only: a patch version');
    expect(JSON.parse(readFileSync(join(out, 'notifications/allai/1.0.1.json'), 'utf8'))).toMatchObject({ id: 'allai@1.0.1', action: 'none' });
    // The installable package, versioned as the latest release (test/package.test.ts installs one).
    expect(stderr).toMatch(/packed allai-privacy-rules@1\.0\.1 -> .*allai-privacy-rules-1\.0\.1\.tgz/);
    expect(JSON.parse(readFileSync(join(out, 'packages/allai/package.json'), 'utf8'))).toMatchObject({ name: 'allai-privacy-rules', version: '1.0.1' });
  }, 60_000);

  it('names the package as asked, and refuses a name npm would refuse', () => {
    const out = mkdtempSync(join(tmpdir(), 'policy-build-'));
    const scoped = run('build', 'policies', '--out', out, '--package-scope', '@acme', '--package-name', '{id}-rules');
    expect(scoped.stderr).toMatch(/packed @acme\/allai-rules@1\.0\.1 -> .*acme-allai-rules-1\.0\.1\.tgz/);
    const bad = run('build', 'policies', '--out', out, '--package-name', 'Rules For {id}');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('policy build: "Rules For allai" is not a valid npm package name: use lowercase letters, digits, "-", "." and "_" in the scope and name');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('builds into an output folder relative to where it is run, not to the project', () => {
    // tsc compiled the runtime in the project root, so `--out dist` outside it failed with ENOENT.
    const folder = mkdtempSync(join(tmpdir(), 'policy-build-relative-'));
    cpSync(join(workspace, 'policies'), join(folder, 'policies'), { recursive: true });
    const result = spawnSync(process.execPath, [cli, 'build', 'policies', '--out', 'out', '--no-pack'], { cwd: folder, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(result.stderr).not.toMatch(/could not run/);
    expect(result.status).toBe(0);
    expect(existsSync(join(folder, 'out/rules/lib/runtime/policy-runtime.js'))).toBe(true);
    expect(existsSync(join(folder, 'out/rules/allai/index.js'))).toBe(true);
  }, 120_000);

  it('refuses to build a policy with errors', () => {
    const path = tempPolicy('policy.md', minimal.replace('basis: contract', 'basis: contrakt'));
    const out = mkdtempSync(join(tmpdir(), 'policy-build-'));
    const { code, stdout, stderr } = run('build', path, '--out', out);
    expect(code).toBe(1);
    expect(stdout).toMatch(/error invalid-value Unexpected `contrakt` for `basis` of purpose `account`, did you mean `contract`\?/);
    expect(stderr).toMatch(/not building/);
  });
});

describe('policy new', () => {
  it('scaffolds a policy that passes check, and refuses to overwrite one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-new-'));
    const make = () => spawnSync(process.execPath, [cli, 'new', 'acme', '--controller', 'Acme Ltd', '--email', 'privacy@acme.example', '--date', '2026-11-27'], { cwd: dir, encoding: 'utf8' });
    const created = make();
    expect(created.status).toBe(0);
    const checked = spawnSync(process.execPath, [cli, 'check', 'policies/acme'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(checked.status).toBe(0);
    expect(checked.stdout).toMatch(/1 file checked: 0 errors, 1 warning/);
    expect(checked.stdout).toContain('unstated-declaration');
    const again = make();
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('refuses an id that is not kebab-case', () => {
    const { code, stderr } = run('new', 'Acme Corp', '--controller', 'Acme');
    expect(code).toBe(2);
    expect(stderr).toMatch(/kebab-case/);
  });
});
