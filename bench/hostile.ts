// Worst-case inputs (issue 19): the shapes that once hung or crashed the checker, and the most
// expensive input each limit still lets through, against the ALLAI policy checked in the same
// run. Before the limits, a 1 MB line of `[a](` took more than 233 s, a 10,000-deep list 62 s
// and a stack overflow, and the prose diff of an 80,000-character rewritten line 49 s.
// Run: npm run bench:hostile -- [--write]   (--write updates docs/benchmarks.md)
import { readFileSync } from 'node:fs';
import { checkPolicy } from '../src/check.ts';
import { diffProse } from '../src/diff/prose.ts';
import { limits } from '../src/parse/bounds.ts';
import { fileFromBytes } from '../src/parse/read.ts';
import { medianTime, writeSection } from './report.ts';

const encoder = new TextEncoder();
const allai = readFileSync('policies/allai/policy.md', 'utf8');
const head = `${allai.split('\n# Privacy Policy')[0]}\n\n# Privacy Policy\n\n`;
const runs = Number(process.env.BENCH_RUNS ?? 5);

/** Check a text; the first error's rule, or `checked` when it has none. */
function check(text: string): string {
  const { file } = checkPolicy(fileFromBytes('policies/allai/policy.md', encoder.encode(text)));
  const fatal = file.messages.find((message) => message.fatal);
  return fatal ? `refused: ${fatal.ruleId}` : 'checked';
}

const words = (count: number, seed: number) => Array.from({ length: count }, (_, i) => `w${(i * seed) % 997}`).join(' ');
const longLine = words(limits.lineLength / 5 - 100, 7);
const perParagraph = limits.paragraphMarkup - 2;
const paragraphsToLimit = (markers: number) => Math.floor((limits.fileMarkup - 1) / markers);

// Sections that all resemble each other: duplicate-section once compared each with every other.
const vocabulary = 'we collect use share store process personal data information account service users device payment billing email address contact support security'.split(' ');
const similar = (seed: number) =>
  Array.from({ length: 30 }, (_, i) => {
    let hash = Math.imul(seed ^ (i << 16), 0x85ebca6b);
    hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
    return vocabulary[((hash ^ (hash >>> 16)) >>> 0) % vocabulary.length]!;
  }).join(' ');
const sectionCount = Math.floor((limits.lines - head.split('\n').length - 10) / 3);

const cases: { name: string; text: string }[] = [
  { name: '`[a](` on one 1 MB line (issue 19: >233 s)', text: head + '[a]('.repeat(250_000) },
  { name: 'list nested 10,000 deep (issue 19: 62 s, then a stack overflow)', text: head + '- '.repeat(10_000) + 'x' },
  { name: 'YAML nested 2,000 deep (issue 19: could not run)', text: allai.replace('title: Privacy Policy for ALLAI', `title: ${'['.repeat(2_000)}${']'.repeat(2_000)}`) },
  { name: `emphasis at the limits: ${perParagraph} markers a paragraph, ${limits.fileMarkup.toLocaleString('en')} a file`, text: head + Array.from({ length: paragraphsToLimit(perParagraph) }, () => '*a_'.repeat(perParagraph / 2)).join('\n\n') },
  { name: 'unclosed links at the limits', text: head + Array.from({ length: paragraphsToLimit(perParagraph) }, () => '[a]('.repeat(perParagraph / 4)).join('\n\n') },
  { name: `table at the limit: ${Math.floor((limits.fileMarkup - 1) / 2).toLocaleString('en')} rows`, text: head + '| a |\n| - |\n' + '| b |\n'.repeat(Math.floor((limits.fileMarkup - 1) / 2) - 2) },
  { name: `list at the limit: ${limits.listItems.toLocaleString('en')} items, nested in pairs`, text: head + '- a\n  - b\n'.repeat(limits.listItems / 2) },
  { name: `lists nested ${limits.nestingDepth} deep`, text: head + Array.from({ length: limits.nestingDepth }, (_, depth) => `${'  '.repeat(depth)}- item`).join('\n') },
  { name: `a paragraph of ${limits.lineLength.toLocaleString('en')} characters on one line`, text: head + longLine },
  { name: `a code block at the line limit: ${(limits.lines - 20).toLocaleString('en')} lines`, text: head + '```\n' + 'code\n'.repeat(limits.lines - 20) + '```' },
  { name: `${sectionCount.toLocaleString('en')} short sections that all resemble each other, at the line limit`, text: head + Array.from({ length: sectionCount }, (_, index) => `## Part ${index}\n${similar(index)}.\n`).join('\n') },
  { name: '100,000 categories in one block (issue 19: 70 s in the editor)', text: allai.replace('```yaml policy\ncategories:\n', `\`\`\`yaml policy\ncategories:\n${'  - id: c\n    label: C\n'.repeat(100_000)}`) },
];

const baseline = medianTime(() => check(allai), runs);
const rows = cases.map(({ name, text }) => {
  const verdict = check(text);
  const ms = medianTime(() => check(text), runs);
  return { name, size: text.length, verdict, ms };
});

// The prose diff: ALLAI 1.0.0 to 1.0.1 as the baseline, against a rewritten 80,000-character line.
const released = readFileSync('policies/allai/versions/1.0.0.md', 'utf8');
const diffBaseline = medianTime(() => diffProse(released, allai), runs);
const before = `# T\n\n${words(16_000, 7)}\n`;
const after = `# T\n\n${words(16_000, 13)}\n`;
const diffWorst = medianTime(() => diffProse(before, after), runs);

const kb = (chars: number) => `${(chars / 1024).toFixed(chars < 10_240 ? 1 : 0)} KB`;
const lines = [
  `Each input checked in-process (\`checkPolicy\`), median of ${runs} runs after at least 1 s of warm-up each. Baseline: the ALLAI policy (${kb(allai.length)}), checked in ${baseline.toFixed(1)} ms in the same run. The limits (\`src/parse/bounds.ts\`) refuse the first three shapes before parsing; the others are the costliest inputs each limit still lets through.`,
  '',
  '| input | size | result | median | × ALLAI |',
  '| --- | ---: | --- | ---: | ---: |',
  ...rows.map((row) => `| ${row.name} | ${kb(row.size)} | ${row.verdict} | ${row.ms.toFixed(1)} ms | ${(row.ms / baseline).toFixed(2)} |`),
  '',
  `Prose diff: ALLAI 1.0.0 → 1.0.1 takes ${diffBaseline.toFixed(1)} ms; one rewritten line of ${before.length.toLocaleString('en')} characters (16,000 words, issue 19: 49 s) takes ${diffWorst.toFixed(1)} ms, ${(diffWorst / diffBaseline).toFixed(1)} × the baseline: Myers' word diff stops after ${'1,000'} edits and shows the rest as removed and added.`,
];
console.log(lines.join('\n'));
if (process.argv.includes('--write')) writeSection('Hostile input: worst cases (issue 19)', 'npm run bench:hostile -- --write', `${lines.join('\n')}\n`);
