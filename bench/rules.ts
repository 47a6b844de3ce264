// `can()` of the compiled ALLAI rules against other engines, in one process, over the same
// rules and the same mixed allowed/denied queries; and the cost of importing the module.
// Target (issue 3): within 1.5x of a bare precomputed Set lookup; import under 5 ms.
// Then (issue 15) the installed npm package on Node 26 and 22 and the Python module, each
// against its own bare lookup (bench/rules-installed.ts).
// Run: npm run bench:rules -- [--write]
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { newEnforcer, newModelFromString, StringAdapter } from 'casbin';
import { Engine } from 'json-rules-engine';
import { buildRules } from '../src/workspace/build-rules.ts';
import type { CompiledPolicy } from '../src/runtime/policy-runtime.ts';
import { documentsOf } from '../test/support/documents.ts';
import { installedReport, measureInstalled } from './rules-installed.ts';
import { importCost } from './import-cost.ts';
import { writeSection } from './report.ts';

// Read versions from node_modules directly: some packages do not export package.json.
const version = (name: string) => (JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;

// The ALLAI rules, compiled and imported as a service would.
const out = mkdtempSync(join(tmpdir(), 'bench-rules-'));
await buildRules(await documentsOf('policies/allai'), out);
const modulePath = join(out, 'rules/allai/index.js');
const { policy } = (await import(pathToFileURL(modulePath).href)) as { policy: CompiledPolicy<string, string, string, string, string> };
const rules = policy.rules;

// Every purpose x category pair (some allowed, some not) plus misspelt ids: mixed queries.
type Query = { purpose: string; category: string; key: string };
const purposes = [...Object.keys(rules.purposes), 'marketting'];
const categories = [...Object.keys(rules.categories), 'biometrics'];
const queries: Query[] = purposes.flatMap((purpose) => categories.map((category) => ({ purpose, category, key: `${purpose}\u0000${category}` })));
const allowedPairs = Object.entries(rules.purposes).flatMap(([purpose, entry]) => entry!.categories.map((category) => ({ purpose, category })));
const expected = queries.map((query) => allowedPairs.some((pair) => pair.purpose === query.purpose && pair.category === query.category));

// The practical limit: a Set of precomputed keys, probed with a key precomputed per query
// (nothing at all left to do); and the same Set probed with a key built from the query.
const keys = new Set(allowedPairs.map((pair) => `${pair.purpose}\u0000${pair.category}`));
const bare = (query: Query) => keys.has(query.key);
const bareBuilt = (query: Query) => keys.has(`${query.purpose}\u0000${query.category}`);
// The same question with the same input (two ids) and nothing else: a Map of precomputed Sets.
// This is the baseline of the 1.5x target.
const nested = new Map<string, Set<string>>();
for (const pair of allowedPairs) nested.set(pair.purpose, (nested.get(pair.purpose) ?? new Set()).add(pair.category));
const bareNested = (query: Query) => nested.get(query.purpose)?.has(query.category) === true;

// json-rules-engine: one rule per purpose, the category must be in its list.
const engine = new Engine([], { allowUndefinedFacts: true });
for (const [purpose, entry] of Object.entries(rules.purposes)) {
  engine.addRule({ conditions: { all: [{ fact: 'purpose', operator: 'equal', value: purpose }, { fact: 'category', operator: 'in', value: entry!.categories }] }, event: { type: 'allow' } });
}
const jsonRules = async (query: Query) => (await engine.run(query)).events.length > 0;

// Cedar: one permit per allowed pair, policies pre-parsed once.
const cedarPolicies = allowedPairs.map((pair) => `permit(principal == Purpose::"${pair.purpose}", action == Action::"use", resource == Category::"${pair.category}");`).join('\n');
const parsed = cedar.preparsePolicySet('allai', { staticPolicies: cedarPolicies });
if (parsed.type !== 'success') throw new Error(`cedar: ${JSON.stringify(parsed)}`);
const cedarCheck = (query: Query) => {
  const answer = cedar.statefulIsAuthorized({
    principal: { type: 'Purpose', id: query.purpose },
    action: { type: 'Action', id: 'use' },
    resource: { type: 'Category', id: query.category },
    context: {},
    preparsedPolicySetId: 'allai',
    entities: [],
  });
  if (answer.type !== 'success') throw new Error(JSON.stringify(answer));
  return answer.response.decision === 'allow';
};

// casbin: an ACL model, one policy line per allowed pair.
const enforcer = await newEnforcer(
  newModelFromString('[request_definition]\nr = sub, obj\n[policy_definition]\np = sub, obj\n[policy_effect]\ne = some(where (p.eft == allow))\n[matchers]\nm = r.sub == p.sub && r.obj == p.obj'),
  new StringAdapter(allowedPairs.map((pair) => `p, ${pair.purpose}, ${pair.category}`).join('\n')),
);
const casbin = (query: Query) => enforcer.enforceSync(query.purpose, query.category);

// Same input as the baselines: the query object, read for its two ids.
const ours = (query: Query) => policy.can(query);

// Every engine must give the same answers before its speed means anything.
for (const [name, check] of [['bare', bare], ['bare-built', bareBuilt], ['bare-nested', bareNested], ['ours', ours], ['cedar', cedarCheck], ['casbin', casbin]] as const) {
  queries.forEach((query, index) => {
    if (check(query) !== expected[index]) throw new Error(`${name} disagrees on ${JSON.stringify(query)}`);
  });
}
for (const [index, query] of queries.entries()) if ((await jsonRules(query)) !== expected[index]) throw new Error(`json-rules-engine disagrees on ${JSON.stringify(query)}`);

/** Checks per second over `rounds` passes of the queries; the median of 7 samples. */
function rate(check: (query: Query) => boolean, rounds: number): number {
  const samples: number[] = [];
  let sink = 0;
  for (let sample = 0; sample < 8; sample++) {
    const start = performance.now();
    for (let round = 0; round < rounds; round++) for (let i = 0; i < queries.length; i++) if (check(queries[i]!)) sink++;
    const elapsed = performance.now() - start;
    if (sample > 0) samples.push((rounds * queries.length) / (elapsed / 1000));
  }
  if (sink < 0) console.log(sink);
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

async function rateAsync(check: (query: Query) => Promise<boolean>, rounds: number): Promise<number> {
  const start = performance.now();
  for (let round = 0; round < rounds; round++) for (const query of queries) await check(query);
  return (rounds * queries.length) / ((performance.now() - start) / 1000);
}

console.error('measuring: bare Set, can(), casbin, Cedar, json-rules-engine ...');
const results = [
  { name: 'bare precomputed `Map<purpose, Set<category>>` lookup (baseline)', pkg: '-', rate: rate(bareNested, 40_000) },
  { name: 'bare `Set.has` of a key precomputed per query (no work left)', pkg: '-', rate: rate(bare, 40_000) },
  { name: 'bare `Set.has` of a key built from the query', pkg: '-', rate: rate(bareBuilt, 40_000) },
  { name: '`policy.can()` (ours)', pkg: 'this repo', rate: rate(ours, 40_000) },
  { name: 'casbin `enforceSync`', pkg: `casbin ${version('casbin')}`, rate: rate(casbin, 60) },
  { name: 'Cedar `statefulIsAuthorized` (pre-parsed)', pkg: `@cedar-policy/cedar-wasm ${version('@cedar-policy/cedar-wasm')}`, rate: rate(cedarCheck, 60) },
  { name: 'json-rules-engine `run`', pkg: `json-rules-engine ${version('json-rules-engine')}`, rate: await rateAsync(jsonRules, 20) },
];
const limit = results[0]!.rate;
const ratio = limit / results[3]!.rate;

// Import cost: fresh processes time `await import()` of the module (and its runtime), against an empty module.
const imported = importCost(modulePath, 41);
const moduleKb = readFileSync(modulePath).byteLength / 1024;

const lines = [
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}. Rule set: ALLAI 1.0.0 compiled (${allowedPairs.length} allowed purpose/category pairs). Queries: all ${queries.length} purpose x category pairs including a misspelt purpose and an unknown category (${expected.filter(Boolean).length} allowed, ${expected.filter((value) => !value).length} denied), cycled; every engine was checked to give the same answers first.`,
  '',
  '| engine | package | checks/s | time per check vs baseline |',
  '|---|---|---:|---:|',
  ...results.map((result) => `| ${result.name} | ${result.pkg} | ${Math.round(result.rate).toLocaleString('en')} | ${(limit / result.rate).toFixed(2)}x |`),
  '',
  `Target: \`can()\` within 1.5x of the bare lookup taking the same input (two ids): **${ratio <= 1.5 ? 'met' : 'missed'}** (${ratio.toFixed(2)}x). A Set probed with a key the caller already built is faster still, but it measures a loop with the question already answered; building that key from the ids costs far more than \`can()\` does.`,
  `Import of the compiled module (${moduleKb.toFixed(1)} KB, its bundled runtime and its index of versions; each version's data is a file read when first asked for) in ${imported.runs} fresh processes, each having imported an empty module first (the loader's own start-up is not counted): ${imported.module.cpu.toFixed(2)} ms of main-thread CPU (\`process.threadCpuUsage\`, the mean over the runs: Linux counts it in 4 ms ticks), ${imported.module.wall.toFixed(2)} ms wall (median; least ${imported.module.wallMin.toFixed(2)} ms); ${imported.own.cpu.toFixed(2)} ms of CPU more than importing another empty module (${imported.empty.cpu.toFixed(2)} ms) in the same process. The first \`can()\` then reads the version in force: ${imported.firstCan.cpu.toFixed(2)} ms of CPU. Target under 5 ms (judged on the import's CPU time): **${imported.module.cpu < 5 ? 'met' : 'missed'}** (wall: ${imported.module.wall < 5 ? 'met' : 'missed'}).`,
];
console.log(lines.join('\n'));
if (process.argv.includes('--write')) writeSection('Rules: can() against other engines (issue 3)', 'npm run bench:rules', lines.join('\n'));

const installed = await measureInstalled((line) => console.error(line));
const installedLines = installedReport(installed.rates, installed.data.versions.at(-1)!.rules.version);
console.log(`\n${installedLines.join('\n')}`);
if (process.argv.includes('--write')) writeSection('Rules: the installed package on Node 22 and 26, and Python (issue 15)', 'npm run bench:rules', installedLines.join('\n'));
