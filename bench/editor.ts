// How fast the editor answers (issue 6): completion and hover inside a policy's YAML, and the
// findings after a keystroke. Baselines, measured in the same run: the YAML language server
// answering the same request on the same block given to it as a plain YAML file (the least
// any YAML support can cost), plus remark's bare parse of the file (the least it costs to
// find the blocks exactly as `policy check` does). Targets: completion after an edit under 100 ms
// for policies up to 128 KB; findings (the whole `policy check` of the draft, history
// included) under 250 ms, the server's typing pause.
// Run: npm run bench:editor -- [--write]
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getLanguageService } from '../src/editor/yaml-language-server.ts';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { regionAt, regionText, yamlRegions } from '../src/editor/regions.ts';
import { PolicyYamlService, regionSchema } from '../src/editor/yaml-service.ts';
import { checkPaths } from '../src/workspace/check.ts';
import { parseMarkdown } from '../src/parse/markdown.ts';
import { generatePolicy } from './generate-policy.ts';
import { medianOf, writeSection } from './report.ts';

/** Median of `runs` timings of `task` (ms), after warm-up runs. */
async function median(task: (run: number) => Promise<unknown>, runs: number): Promise<number> {
  for (let i = 0; i < 3; i++) await task(-1 - i);
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await task(run);
    times.push(performance.now() - start);
  }
  return medianOf(times);
}

// The baseline: Red Hat's YAML language server on a plain YAML document holding the block.
const bare = getLanguageService({ schemaRequestService: async () => JSON.stringify(regionSchema('declarations')), workspaceContext: { resolveRelativePath: (path) => path } });
bare.configure({ validate: false, hover: true, completion: true, schemas: [{ uri: 'bench://declarations.json', fileMatch: ['*.yaml'] }] });

const service = new PolicyYamlService({
  onError: (error) => {
    throw error;
  },
});

const inputs: [string, string, string][] = [
  ['ALLAI policy.md', readFileSync('policies/allai/policy.md', 'utf8'), resolve('policies/allai/policy.md')],
  ['generated 128 KB', generatePolicy(128 * 1024, 1, 50), resolve('policies/generated/policy.md')],
  ['generated 1 MB', generatePolicy(1024 * 1024, 1, 50), resolve('policies/generated/policy.md')],
];

const rows: string[] = [];
const results: { name: string; edited: number; baseline: number; parse: number }[] = [];
let findingsOk = true;
for (const [name, text, path] of inputs) {
  const uri = `file://${path}`;
  const lines = text.split('\n');
  const line = lines.findIndex((entry) => /^ {4}basis:/.test(entry));
  const position = { line, character: lines[line]!.length };
  const region = regionAt(yamlRegions(text), line)!;
  // The same block as a plain YAML file, lines shifted to start at 0.
  const plain = regionText(lines, region);
  const plainPosition = { line: line - region.startLine, character: position.character };
  const runs = text.length > 500_000 ? 7 : 30;

  const baseline = await median((run) => bare.doComplete(TextDocument.create(`bench://${run}.yaml`, 'yaml', 1, `${plain}\n# ${run}`), plainPosition, false), runs);
  const parse = await median(async (run) => parseMarkdown(`${text}\n<!-- ${run} -->`), runs);
  // After an edit: a new text each time, so nothing read from the previous one is reused.
  const edited = await median((run) => service.complete(uri, `${text}\n<!-- ${run} -->`, position), runs);
  const same = await median(() => service.complete(uri, text, position), runs);
  const hover = await median(() => service.hover(uri, text, { line, character: 6 }), runs);
  const overlay = (run: number) => new Map([[path, `${text}\n<!-- ${run} -->`]]);
  const findings = await median((run) => checkPaths([path], undefined, { overlay: overlay(run), today: '2026-11-27' }), text.length > 500_000 ? 5 : 20);
  const labels = (await service.complete(uri, text, position))?.items.length ?? 0;
  if (labels !== 7) throw new Error(`${name}: expected the 7 legal bases, got ${labels} items`);
  results.push({ name, edited, baseline, parse });
  if (text.length <= 132 * 1024 && findings >= 250) findingsOk = false;
  rows.push(
    `| ${name} | ${(text.length / 1024).toFixed(0)} KB | ${edited.toFixed(1)} ms | ${same.toFixed(1)} ms | ${hover.toFixed(1)} ms | ${baseline.toFixed(1)} ms | ${parse.toFixed(1)} ms | ${(edited / (baseline + parse)).toFixed(2)}x | ${findings.toFixed(0)} ms |`,
  );
}

const typical = results.filter((result) => !result.name.includes('1 MB'));
const lines = [
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}. Medians. Completion at \`basis:\` of a purpose (the 7 legal bases, checked).`,
  '',
  '| policy | size | completion after an edit | completion, same text | hover | baseline A: YAML LS on the block alone | baseline B: remark parse of the file | ratio: after an edit / (A + B) | findings after an edit (whole check, history included) |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows,
  '',
  `Completion after an edit under 100 ms up to 128 KB: **${typical.every((result) => result.edited < 100) ? 'met' : 'missed'}** (${typical.map((result) => `${result.edited.toFixed(1)} ms`).join(', ')}). ` +
    `After an edit, completion costs ${results.map((result) => `${(result.edited / (result.baseline + result.parse)).toFixed(2)}x`).join(', ')} the two baselines together. ` +
    `Beyond them it spends ${results.map((result) => `${Math.max(result.edited - result.baseline - result.parse, 0).toFixed(1)} ms`).join(', ')}: reading the declared ids from every block and building the YAML view. ` +
    'The parse itself is the price of the editor and `policy check` agreeing on what is a declaration; requests on unchanged text (hover after completion) reuse it.',
    '',
    `Findings after an edit under 250 ms up to 128 KB: **${findingsOk ? 'met' : 'missed'}**.`,
];
console.log(lines.join('\n'));
if (process.argv.includes('--write')) writeSection('Editor: completion, hover and findings (issue 6)', 'npm run bench:editor', lines.join('\n'));
