// The installable rules package, tested as a backend service outside this repository uses
// it: packed with npm, installed with npm into a temporary project, type-checked with tsc
// (NodeNext and bundler resolution) and run on Node 26 and on Node 22 and 24 installed from
// the npm registry (their platform packages, cached under node_modules/.cache between runs).
// The Python module is installed by pip into a fresh virtual environment and answers the same
// query table (test/fixtures/package/queries.json).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildPackage, buildPythonPackage, type BuiltPackage } from '../src/workspace/build-package.ts';
import { buildRules } from '../src/workspace/build-rules.ts';
import { packageNames } from '../src/compile/package.ts';
import { buildStamp, versionDataFiles } from '../src/compile/module.ts';
import { compilePolicy } from '../src/compile/policy.ts';
import { documentsOf } from './support/documents.ts';
import { nodeOfMajor, npmIn as npm } from './support/node-versions.ts';

const repo = resolve(import.meta.dirname, '..');
const fixtures = join(repo, 'test/fixtures/package');
const tsc = join(repo, 'node_modules/.bin/tsc');
const table = JSON.parse(readFileSync(join(fixtures, 'queries.json'), 'utf8')) as { queries: { ask: string; expect: unknown; why: string }[] };
const names = packageNames('shop', { scope: '@example', name: '{id}-rules' });

let work: string;
let service: string;
let built: BuiltPackage;
let python: string;
let stamp: string;
/** Version 1.0.0's data file as a build of 1.0.0 alone wrote it (before 2.0.0 was released), and that build's stamp. */
let olderFile: { text: string; stamp: string };

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'policy-package-'));
  const [policy] = await buildRules(await documentsOf(join(fixtures, 'shop/1.0.0/policy.md'), join(fixtures, 'shop/2.0.0/policy.md')), join(work, 'dist'));
  stamp = buildStamp(policy!.data);
  const older = compilePolicy(await documentsOf(join(fixtures, 'shop/1.0.0/policy.md')));
  olderFile = { text: versionDataFiles(older)[0]!.text, stamp: buildStamp(older) };
  built = await buildPackage(policy!.data, names, join(work, 'dist'));
  // A Python service: a fresh virtual environment, the module installed by pip with no index.
  const pythonFolder = await buildPythonPackage(policy!.data, names, join(work, 'dist'));
  execFileSync('python3', ['-m', 'venv', join(work, 'venv')]);
  python = join(work, 'venv/bin/python');
  execFileSync(python, ['-m', 'pip', 'install', '--no-index', '--disable-pip-version-check', '--quiet', pythonFolder], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  // A service project outside the repository, as a backend engineer would start one.
  service = join(work, 'service');
  mkdirSync(service);
  writeFileSync(join(service, 'package.json'), JSON.stringify({ name: 'service', private: true, type: 'module' }));
  npm(service, ['install', built.tarball]);
  writeFileSync(join(service, 'run-queries.mjs'), readFileSync(join(fixtures, 'run-queries.mjs')));
}, 180_000);

describe('the packed package', () => {
  it('is named as configured and versioned as the latest released version, with an exports map', () => {
    const manifest = JSON.parse(readFileSync(join(service, 'node_modules/@example/shop-rules/package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: '@example/shop-rules', version: '2.0.0', type: 'module', exports: { '.': { types: './index.d.ts', default: './index.js' } } });
    expect(built.tarball).toMatch(/example-shop-rules-2\.0\.0\.tgz$/);
  });

  it('packs the same bytes when built again from the same versions', async () => {
    const [again] = await buildRules(await documentsOf(join(fixtures, 'shop/1.0.0/policy.md'), join(fixtures, 'shop/2.0.0/policy.md')), join(work, 'again'));
    const repacked = await buildPackage(again!.data, names, join(work, 'again'));
    expect(readFileSync(repacked.tarball).equals(readFileSync(built.tarball))).toBe(true);
  }, 60_000);

  it('carries every released version with the SHA-256 of its rules.json', () => {
    const installed = join(service, 'node_modules/@example/shop-rules');
    for (const version of ['1.0.0', '2.0.0']) {
      const text = readFileSync(join(installed, 'versions', version, 'rules.json'));
      const hash = execFileSync('sha256sum', { input: text, encoding: 'utf8' }).split(' ')[0];
      expect(readFileSync(join(installed, 'versions', version, 'rules.sha256'), 'utf8')).toBe(`${hash}  rules.json\n`);
    }
  });

  it('imports nothing outside itself but temporal-polyfill', () => {
    const installed = join(service, 'node_modules/@example/shop-rules');
    const files = readdirSync(installed, { recursive: true, encoding: 'utf8' }).filter((file) => /\.(js|d\.ts)$/.test(file));
    expect(files).toEqual(expect.arrayContaining(['index.js', 'index.d.ts', 'lib/runtime/policy-runtime.js']));
    for (const file of files) {
      const text = readFileSync(join(installed, file), 'utf8');
      for (const [, specifier] of text.matchAll(/(?:from|import|require)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        if (!specifier!.startsWith('.')) {
          expect(specifier, `${file} imports ${specifier}`).toBe('temporal-polyfill');
          continue;
        }
        // A declaration's `./x.js` is resolved by TypeScript to the `./x.d.ts` beside it.
        const written = resolve(dirname(join(installed, file)), specifier!);
        const target = file.endsWith('.d.ts') && !existsSync(written) ? written.replace(/\.js$/, '.d.ts') : written;
        expect(relative(installed, target).startsWith('..'), `${file} imports ${specifier}, outside the package`).toBe(false);
        expect(existsSync(target), `${file} imports ${specifier}, which is not in the package`).toBe(true);
      }
    }
  });
});

describe('a service installing the package', () => {
  const service_ts = `import { policy, verify, PolicyViolation, type PurposeId } from '@example/shop-rules';
const purpose: PurposeId = 'newsletter';
const allowed: boolean = policy.can({ purpose, category: 'email' });
try {
  policy.assertAllowed({ purpose: 'account', category: 'orders' });
} catch (error) {
  if (!(error instanceof PolicyViolation)) throw error;
}
console.log(allowed, verify('{}').ok);
`;
  const misspelt_ts = `import { policy } from '@example/shop-rules';
policy.can({ purpose: 'newsleter', category: 'email' });
`;

  for (const [resolution, module] of [['nodenext', 'nodenext'], ['bundler', 'esnext']] as const) {
    it(`type-checks with tsc --strict under ${resolution} resolution, and a misspelt purpose does not`, () => {
      writeFileSync(join(service, 'service.ts'), service_ts);
      writeFileSync(join(service, 'misspelt.ts'), misspelt_ts);
      const options = ['--strict', '--noEmit', '--skipLibCheck', 'false', '--module', module, '--moduleResolution', resolution, '--target', 'es2022', '--types', ''];
      const good = spawnSync(tsc, [...options, 'service.ts'], { cwd: service, encoding: 'utf8' });
      expect(good.stdout + good.stderr).toBe('');
      expect(good.status).toBe(0);
      const bad = spawnSync(tsc, [...options, 'misspelt.ts'], { cwd: service, encoding: 'utf8' });
      expect(bad.status).not.toBe(0);
      expect(bad.stdout).toMatch(/misspelt\.ts\(2,\d+\): error TS(2322|2820): Type '"newsleter"' is not assignable to type 'PurposeId/);
    }, 60_000);
  }

  // Node 26 is the project's own; 22 and 24 have no Temporal, so deleteBy runs on the polyfill.
  for (const major of [26, 24, 22]) {
    it(`answers the shared query table on Node ${major}`, () => {
      const node = major === 26 ? process.execPath : nodeOfMajor(major);
      const result = spawnSync(node, ['run-queries.mjs', names.npm, join(fixtures, 'queries.json')], { cwd: service, encoding: 'utf8' });
      expect(result.stderr).toBe('');
      const output = JSON.parse(result.stdout) as { node: string; answers: unknown[] };
      expect(output.node.split('.')[0]).toBe(String(major));
      table.queries.forEach((query, index) => expect(output.answers[index], `${query.ask}: ${query.why}`).toEqual(query.expect));
    }, 180_000);
  }

  it('verifies its hashes against a published versions.json, offline', () => {
    const script = `import { hashes, verify } from '@example/shop-rules';
const published = { policy: 'shop', versions: Object.entries(hashes).map(([version, rulesSha256]) => ({ version, rulesSha256 })) };
const tampered = { policy: 'shop', versions: [...published.versions.slice(0, 1), { version: '2.0.0', rulesSha256: '0'.repeat(64) }, { version: '3.0.0', rulesSha256: '1'.repeat(64) }] };
console.log(JSON.stringify([verify(published), verify(JSON.stringify(tampered)), verify('not json'), verify({ policy: 'other', versions: [] })]));
`;
    writeFileSync(join(service, 'verify.mjs'), script);
    const result = spawnSync(process.execPath, ['verify.mjs'], { cwd: service, encoding: 'utf8' });
    const [same, tampered, broken, other] = JSON.parse(result.stdout) as { ok: boolean; matched: string[]; problems: { version: string; reason: string }[]; newer: string[] }[];
    expect(same).toEqual({ ok: true, matched: ['1.0.0', '2.0.0'], problems: [], newer: [] });
    expect(tampered!.ok).toBe(false);
    expect(tampered!.matched).toEqual(['1.0.0']);
    expect(tampered!.problems).toEqual([{ version: '2.0.0', reason: expect.stringMatching(/^version 2\.0\.0's rules differ: the package has sha256 [0-9a-f]{64}, the site publishes 0{64}$/) }]);
    expect(tampered!.newer).toEqual(['3.0.0']);
    expect(broken!.problems[0]!.reason).toMatch(/^the manifest is not JSON/);
    expect(other!.problems[0]!.reason).toBe('the manifest is for policy "other", this package is "shop"');
  }, 30_000);

  it('reads each version from its own file when asked, and verify() finds a file changed after packing', () => {
    const installed = join(service, 'node_modules/@example/shop-rules');
    const versionData = join(installed, 'versions/1.0.0/version-data.json');
    expect(JSON.parse(readFileSync(versionData, 'utf8')).rules.version).toBe('1.0.0');
    // The module holds the versions' dates, not their data.
    expect(readFileSync(join(installed, 'policy.js'), 'utf8')).not.toContain('"categories"');
    const original = readFileSync(versionData, 'utf8');
    // A change that leaves the JSON valid, so only the hash can tell.
    writeFileSync(versionData, `${original}\n`);
    try {
      const script = `import { hashes, verify } from '@example/shop-rules';
console.log(JSON.stringify(verify({ policy: 'shop', versions: Object.entries(hashes).map(([version, rulesSha256]) => ({ version, rulesSha256 })) })));`;
      writeFileSync(join(service, 'verify-files.mjs'), script);
      const result = spawnSync(process.execPath, ['verify-files.mjs'], { cwd: service, encoding: 'utf8' });
      expect(result.stderr).toBe('');
      const verdict = JSON.parse(result.stdout) as { ok: boolean; matched: string[]; problems: { version: string; reason: string }[] };
      expect(verdict.ok).toBe(false);
      expect(verdict.matched).toEqual(['2.0.0']);
      expect(verdict.problems).toEqual([{ version: '1.0.0', reason: expect.stringMatching(/^version 1\.0\.0's version-data\.json was changed after the package was built: its sha256 is [0-9a-f]{64}, the package was built with [0-9a-f]{64}$/) }]);
    } finally {
      writeFileSync(versionData, original);
    }
  }, 30_000);

  it('refuses a version file of another build, as when the package is upgraded in place under a running service', () => {
    const versionData = join(service, 'node_modules/@example/shop-rules/versions/1.0.0/version-data.json');
    const original = readFileSync(versionData, 'utf8');
    writeFileSync(versionData, olderFile.text);
    try {
      const script = `import { policy } from '@example/shop-rules';
const answers = [policy.at('2.0.0').version];
try { policy.at('1.0.0'); } catch (error) { answers.push(error.message); }
console.log(JSON.stringify(answers));`;
      writeFileSync(join(service, 'mixed-build.mjs'), script);
      const result = spawnSync(process.execPath, ['mixed-build.mjs'], { cwd: service, encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toEqual([
        '2.0.0',
        `shop 1.0.0: its compiled data ${versionData} is from another build (stamped "${olderFile.stamp}", this module is build "${stamp}"): the rules were upgraded or copied partly while in use; reinstall them, or rebuild, and restart`,
      ]);
    } finally {
      writeFileSync(versionData, original);
    }
  }, 30_000);
});

describe('the Python module', () => {
  it('is installed by pip into a virtual environment, offline, under its distribution name', () => {
    const shown = execFileSync(python, ['-m', 'pip', 'show', 'shop-rules'], { encoding: 'utf8' });
    expect(shown).toMatch(/^Name: shop-rules$/m);
    expect(shown).toMatch(/^Version: 2\.0\.0$/m);
    expect(shown).toMatch(/^Location: .*venv\/lib\/python3\.\d+\/site-packages$/m);
  });

  it('answers the shared query table exactly as the TypeScript runtime does', () => {
    const result = spawnSync(python, [join(fixtures, 'run_queries.py'), names.module, join(fixtures, 'queries.json')], { cwd: work, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const output = JSON.parse(result.stdout) as { answers: unknown[] };
    table.queries.forEach((query, index) => expect(output.answers[index], `${query.ask}: ${query.why}`).toEqual(query.expect));
  });

  it('types ids as Literal, version data as dataclasses, and carries the rules hashes', () => {
    const script = `import dataclasses, typing, json
import ${names.module} as m
loaded_at_import = len(m.policy._raw)
m.policy.at("1.0.0")
print(json.dumps({
  "purposes": typing.get_args(m.PurposeId), "versions": typing.get_args(m.VersionId),
  "retention": [f.name for f in dataclasses.fields(m.Retention)], "hashes": dict(m.hashes),
  "loaded": [loaded_at_import, len(m.policy._raw)],
}))
try:
    m.policy.at("2.0.0").assert_allowed(purpose="account", category="orders")
except m.PolicyViolation as error:
    print(json.dumps(str(error)))
`;
    const [facts, violation] = execFileSync(python, ['-c', script], { encoding: 'utf8' }).trim().split('\n').map((line) => JSON.parse(line));
    expect(facts.purposes).toEqual(['account', 'delivery', 'newsletter']);
    expect(facts.versions).toEqual(['1.0.0', '2.0.0']);
    // Versions are read from their files when asked for: none at import, one after at('1.0.0').
    expect(facts.loaded).toEqual([0, 1]);
    // The dataclass has exactly the fields of a compiled retention rule in the rules schema.
    const schema = JSON.parse(readFileSync(join(repo, 'schema/rules.schema.json'), 'utf8')) as { $defs: Record<string, { properties: Record<string, unknown> }> };
    const compiledRetention = Object.values(schema.$defs).find((definition) => definition.properties?.kind && definition.properties?.afterwards);
    expect(facts.retention.toSorted()).toEqual(Object.keys(compiledRetention!.properties).toSorted());
    for (const version of ['1.0.0', '2.0.0']) expect(`${facts.hashes[version]}  rules.json\n`).toBe(readFileSync(join(built.folder, 'versions', version, 'rules.sha256'), 'utf8'));
    expect(violation).toBe('shop@2.0.0 does not allow this: purpose `account` is not declared to use category `orders`');
  });

  it('refuses a version file of another build, as the npm package does', () => {
    const folder = execFileSync(python, ['-c', `import os, ${names.module} as m; print(os.path.dirname(m.__file__))`], { encoding: 'utf8' }).trim();
    const versionData = join(folder, 'versions/1.0.0/version-data.json');
    const original = readFileSync(versionData, 'utf8');
    writeFileSync(versionData, olderFile.text);
    try {
      const script = `import json
from ${names.module} import policy
answers = [policy.at("2.0.0").version]
try:
    policy.at("1.0.0")
except RuntimeError as error:
    answers.append(str(error))
print(json.dumps(answers))`;
      expect(JSON.parse(execFileSync(python, ['-c', script], { encoding: 'utf8' }))).toEqual([
        '2.0.0',
        `shop 1.0.0: its compiled data ${versionData} is from another build (stamped "${olderFile.stamp}", this module is build "${stamp}"): the rules were upgraded or copied partly while in use; reinstall them, or rebuild, and restart`,
      ]);
    } finally {
      writeFileSync(versionData, original);
    }
  });

  it('verifies its hashes against a published versions.json, as the npm package does', () => {
    const hashes = Object.fromEntries(['1.0.0', '2.0.0'].map((version) => [version, readFileSync(join(built.folder, 'versions', version, 'rules.sha256'), 'utf8').split(' ')[0]]));
    const published = { policy: 'shop', versions: Object.entries(hashes).map(([version, rulesSha256]) => ({ version, rulesSha256 })) };
    const tampered = { policy: 'shop', versions: [published.versions[0], { version: '2.0.0', rulesSha256: '0'.repeat(64) }, { version: '3.0.0', rulesSha256: '1'.repeat(64) }] };
    const script = `import dataclasses, json, sys
from ${names.module} import policy
for manifest in json.load(sys.stdin):
    print(json.dumps(dataclasses.asdict(policy.verify(manifest))))
print(json.dumps(dataclasses.asdict(policy.verify("not json"))))`;
    const output = execFileSync(python, ['-c', script], { input: JSON.stringify([published, JSON.stringify(tampered)]), encoding: 'utf8' });
    const [same, changed, broken] = output.trim().split('\n').map((line) => JSON.parse(line));
    expect(same).toEqual({ ok: true, matched: ['1.0.0', '2.0.0'], problems: [], newer: [] });
    expect(changed).toEqual({ ok: false, matched: ['1.0.0'], problems: [['2.0.0', `version 2.0.0's rules differ: the package has sha256 ${hashes['2.0.0']}, the site publishes ${'0'.repeat(64)}`]], newer: ['3.0.0'] });
    expect(broken.problems[0][1]).toMatch(/^the manifest is not JSON/);
  });

  it('adds durations to dates as Temporal does, month ends and leap days included', () => {
    const pairs = fc.sample(
      fc.record({
        date: fc.date({ min: new Date('1999-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
        duration: fc.tuple(fc.nat(3), fc.nat(14), fc.nat(3), fc.nat(62)).map(([years, months, weeks, days]) => `P${years}Y${months}M${weeks}W${days}D`),
      }),
      { numRuns: 300, seed: 15 },
    );
    const expected = pairs.map(({ date, duration }) => Temporal.PlainDate.from(date).add(Temporal.Duration.from(duration)).toString());
    const script = `import json, sys
from ${names.module}._runtime import add_duration
print(json.dumps([add_duration(p["date"], p["duration"]) for p in json.load(sys.stdin)]))`;
    const actual = JSON.parse(execFileSync(python, ['-c', script], { input: JSON.stringify(pairs), encoding: 'utf8' })) as string[];
    expect(actual).toEqual(expected);
  });
});
