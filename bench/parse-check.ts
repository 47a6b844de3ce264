// Parse + check time on the ALLAI policy and on generated policies of 128 KB to 1 MB.
// Targets (issue 2): ALLAI under 50 ms; cost linear in size. The baseline measured in the
// same run is remark's bare Markdown parse of the same text, so ratios survive noisy machines.
// Run: npm run bench -- [--write]   (--write updates docs/benchmarks.md)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { checkPolicy } from '../src/check.ts';
import { parseMarkdown } from '../src/parse/markdown.ts';
import { fileFromBytes } from '../src/parse/read.ts';
import { generatePolicy } from './generate-policy.ts';
import { medianOf, medianTime, writeSection } from './report.ts';

const encoder = new TextEncoder();

function checkOnce(path: string, bytes: Uint8Array): void {
  const { file } = checkPolicy(fileFromBytes(path, bytes));
  if (file.messages.some((message) => message.fatal)) throw new Error(`${path} has errors: ${file.messages[0]?.reason}`);
}

// Cold: importing the checker and checking once, in fresh processes (median of 7).
const allaiText = readFileSync('policies/allai/policy.md', 'utf8');
const allaiBytes = encoder.encode(allaiText);
const allaiVersion = /^version: (.+)$/m.exec(allaiText)?.[1] ?? '';
const colds = Array.from({ length: 7 }, () => JSON.parse(execFileSync(process.execPath, ['bench/cold-check.ts'], { encoding: 'utf8' })) as { import: number; check: number });
const cold = medianOf(colds.map((run) => run.check));
const coldImport = medianOf(colds.map((run) => run.import));

const allai = medianTime(() => checkOnce('policies/allai/policy.md', allaiBytes), 200);
const allaiParse = medianTime(() => parseMarkdown(allaiText), 200);

const sizes = [128, 256, 512, 1024];
const rows = sizes.map((kb) => {
  const text = generatePolicy(kb * 1024, 1, 50); // long paragraphs: under the 10,000-line limit at 1 MB
  const bytes = encoder.encode(text);
  const runs = kb >= 512 ? 7 : 15;
  const check = medianTime(() => checkOnce('policies/generated/policy.md', bytes), runs);
  const parse = medianTime(() => parseMarkdown(text), runs);
  return { kb: bytes.byteLength / 1024, check, parse, perKb: check / (bytes.byteLength / 1024) };
});
const linearity = rows.at(-1)!.perKb / rows[0]!.perKb;

const lines = [
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}. Medians after at least 1 s of warm-up each (by time: five warm-up runs read ALLAI at twice the ratio); baseline = remark's bare Markdown parse of the same text in the same run.`,
  '',
  '| input | size | parse + check | bare remark parse (baseline) | ratio to baseline | per KB |',
  '|---|---:|---:|---:|---:|---:|',
  `| ALLAI ${allaiVersion} (warm) | ${(allaiBytes.byteLength / 1024).toFixed(1)} KB | ${allai.toFixed(2)} ms | ${allaiParse.toFixed(2)} ms | ${(allai / allaiParse).toFixed(2)}x | ${(allai / (allaiBytes.byteLength / 1024)).toFixed(3)} ms |`,
  `| ALLAI ${allaiVersion} (cold: the first check in a fresh process, after ${coldImport.toFixed(0)} ms importing the checker; median of 7) | ${(allaiBytes.byteLength / 1024).toFixed(1)} KB | ${cold.toFixed(1)} ms | | | |`,
  ...rows.map((row) => `| generated | ${row.kb.toFixed(0)} KB | ${row.check.toFixed(1)} ms | ${row.parse.toFixed(1)} ms | ${(row.check / row.parse).toFixed(2)}x | ${row.perKb.toFixed(3)} ms |`),
  '',
  `Targets: ALLAI warm under 50 ms: **${allai < 50 ? 'met' : 'missed'}** (${allai.toFixed(2)} ms). ` +
    `Linear cost: time per KB at 1 MB / at 128 KB = **${linearity.toFixed(2)}** (1.00 is perfectly linear; target under 1.5: ${linearity < 1.5 ? 'met' : 'missed'}).`,
];
console.log(lines.join('\n'));
if (process.argv.includes('--write')) writeSection('Parse and check (issue 2)', 'npm run bench', lines.join('\n'));
