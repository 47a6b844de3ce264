// `can()` as a service gets it (issue 15): the ALLAI npm package installed in a project outside
// the repository and run on Node 26 and Node 22 (temporal-polyfill there), and the Python module
// installed with pip in a virtual environment. Each process measures its bare lookup in the same
// run: a Map of Sets in JavaScript, a dict of sets in Python, asked the same two ids.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageNames } from '../src/compile/package.ts';
import type { PolicyData } from '../src/runtime/policy-runtime.ts';
import { buildPackage, buildPythonPackage } from '../src/workspace/build-package.ts';
import { buildRules } from '../src/workspace/build-rules.ts';
import { documentsOf } from '../test/support/documents.ts';
import { nodeOfMajor, npmIn } from '../test/support/node-versions.ts';

/** One runtime's figures: checks per second of the bare lookup and of `can()`, and the median of their paired time ratios. */
export interface InstalledRate {
  runtime: string;
  bare: number;
  can: number;
  ratio: number;
}

// Every purpose x category pair of the version in force, plus a misspelt purpose and an unknown
// category; both answers are compared before anything is timed.
// Samples alternate (bare, can, bare, can, ...) so that load from other processes on a shared
// machine falls on both alike, and count the process's CPU time, not wall time; the ratio is the median of the paired ratios. Each loop has its
// own call site, so neither measures a polymorphic call the other does not.
const javascript = `import { policy } from 'allai-privacy-rules';
const rules = policy.rules;
const queries = [...Object.keys(rules.purposes), 'marketting'].flatMap((purpose) => [...Object.keys(rules.categories), 'biometrics'].map((category) => ({ purpose, category })));
const nested = new Map(Object.entries(rules.purposes).map(([purpose, entry]) => [purpose, new Set(entry.categories)]));
const bare = (query) => nested.get(query.purpose)?.has(query.category) === true;
for (const query of queries) if (bare(query) !== policy.can(query)) throw new Error('can() disagrees on ' + JSON.stringify(query));
let sink = 0;
// CPU time of this process (ms), not wall time: another process taking the core is not counted.
const cpu = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; };
function bareLoop(rounds) {
  const start = cpu();
  for (let round = 0; round < rounds; round++) for (let i = 0; i < queries.length; i++) if (bare(queries[i])) sink++;
  return cpu() - start;
}
function canLoop(rounds) {
  const start = cpu();
  for (let round = 0; round < rounds; round++) for (let i = 0; i < queries.length; i++) if (policy.can(queries[i])) sink++;
  return cpu() - start;
}
const rounds = 20000, bareTimes = [], canTimes = [], ratios = [];
for (let sample = 0; sample < 22; sample++) {
  const b = bareLoop(rounds), c = canLoop(rounds);
  if (sample > 0) bareTimes.push(b), canTimes.push(c), ratios.push(c / b);
}
const median = (values) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)];
const perSecond = (ms) => (rounds * queries.length) / (ms / 1000);
if (sink < 0) console.log(sink);
console.log(JSON.stringify({ runtime: 'Node ' + process.versions.node, bare: perSecond(median(bareTimes)), can: perSecond(median(canTimes)), ratio: median(ratios) }));
`;

const python = `import json, platform, statistics, time
from allai_privacy_rules import policy

rules = policy.in_force().rules
queries = [(p, c) for p in [*rules["purposes"], "marketting"] for c in [*rules["categories"], "biometrics"]]
allow = {purpose: frozenset(entry["categories"]) for purpose, entry in rules["purposes"].items()}

def bare(*, purpose, category):
    allowed = allow.get(purpose)
    return allowed is not None and category in allowed

for p, c in queries:
    if bare(purpose=p, category=c) != policy.can(purpose=p, category=c):
        raise SystemExit(f"can() disagrees on {p} {c}")

def bare_loop(rounds):
    check = bare
    start = time.process_time()
    for _ in range(rounds):
        for p, c in queries:
            check(purpose=p, category=c)
    return time.process_time() - start

def can_loop(rounds):
    check = policy.can
    start = time.process_time()
    for _ in range(rounds):
        for p, c in queries:
            check(purpose=p, category=c)
    return time.process_time() - start

rounds, bare_times, can_times, ratios = 600, [], [], []
for sample in range(22):
    b, c = bare_loop(rounds), can_loop(rounds)
    if sample:
        bare_times.append(b); can_times.append(c); ratios.append(c / b)
per_second = lambda seconds: rounds * len(queries) / seconds
print(json.dumps({"runtime": "Python " + platform.python_version(), "bare": per_second(statistics.median(bare_times)), "can": per_second(statistics.median(can_times)), "ratio": statistics.median(ratios)}))
`;

/** Build, install and measure the ALLAI packages; progress goes to `log`. */
export async function measureInstalled(log: (line: string) => void): Promise<{ rates: InstalledRate[]; data: PolicyData }> {
  const work = mkdtempSync(join(tmpdir(), 'bench-installed-'));
  const [built] = await buildRules(await documentsOf('policies/allai'), join(work, 'dist'));
  const names = packageNames('allai');
  const { tarball } = await buildPackage(built!.data, names, join(work, 'dist'));
  const pythonFolder = await buildPythonPackage(built!.data, names, join(work, 'dist'));

  log('installing the npm package in a project outside the repository ...');
  const service = join(work, 'service');
  mkdirSync(service);
  writeFileSync(join(service, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
  npmIn(service, ['install', tarball]);
  writeFileSync(join(service, 'bench.mjs'), javascript);

  log('installing the Python module in a virtual environment ...');
  execFileSync('python3', ['-m', 'venv', join(work, 'venv')]);
  execFileSync(join(work, 'venv/bin/python'), ['-m', 'pip', 'install', '--quiet', '--no-index', '--disable-pip-version-check', pythonFolder], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  writeFileSync(join(work, 'bench.py'), python);

  const rates: InstalledRate[] = [];
  for (const major of [26, 22]) {
    log(`measuring the installed package on Node ${major} ...`);
    const node = major === 26 ? process.execPath : nodeOfMajor(major);
    rates.push(JSON.parse(execFileSync(node, ['bench.mjs'], { cwd: service, encoding: 'utf8' })) as InstalledRate);
  }
  log('measuring the Python module ...');
  rates.push(JSON.parse(execFileSync(join(work, 'venv/bin/python'), ['bench.py'], { cwd: work, encoding: 'utf8' })) as InstalledRate);
  return { rates, data: built!.data };
}

/** The report section of the installed-package figures. */
export function installedReport(rates: readonly InstalledRate[], version: string): string[] {
  const worst = Math.max(...rates.map((rate) => rate.ratio));
  return [
    `ALLAI ${version} as a service installs it: the npm package (\`npm install\` of the packed .tgz in a project outside the repository) and the Python module (\`pip install\` into a virtual environment). Each runtime measures, in the same process, its bare lookup given the same two ids (a \`Map\` of \`Set\`s in JavaScript; a \`dict\` of \`frozenset\`s behind a function taking the same keyword arguments in Python) and \`policy.can()\`, the version in force now; answers are compared first. Samples alternate between the two (21 pairs, process CPU time); the ratio is the median of the paired ratios, so load from other processes falls on both alike.`,
    '',
    '| runtime | bare lookup, checks/s | `policy.can()`, checks/s | time per check vs bare |',
    '|---|---:|---:|---:|',
    ...rates.map((rate) => `| ${rate.runtime} | ${Math.round(rate.bare).toLocaleString('en')} | ${Math.round(rate.can).toLocaleString('en')} | ${rate.ratio.toFixed(2)}x |`),
    '',
    `Target: \`can()\` within 1.5x of the bare lookup in each runtime: **${worst <= 1.5 ? 'met' : 'missed'}** (worst ${worst.toFixed(2)}x).`,
  ];
}
