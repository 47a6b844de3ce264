// Writes what is generated from the rules' own declarations (src/diagnostics/checker-rules.ts
// and src/lint/*.ts) and their fixtures (test/fixtures/rules/<id>/): the catalog
// (src/diagnostics/catalog.generated.ts), the rule table in docs/rules/README.md, and the
// heading, Fail and Pass sections of each docs/rules/<id>.md. Run by `npm run generate`;
// test/rule-docs.test.ts fails when any of them is stale.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkerRules } from '../src/diagnostics/checker-rules.ts';
import { ruleDocPath, type RuleInfo } from '../src/diagnostics/rule-info.ts';

const root = new URL('../', import.meta.url).pathname;
const fixturesRoot = 'test/fixtures/rules';
export const catalogPath = 'src/diagnostics/catalog.generated.ts';

// The rules import the catalog this script writes. A merge that leaves conflict markers in it
// would stop the script before it can write a good one: start from an empty catalog then.
if (/^(<{7}|={7}|>{7})/m.test(readFileSync(join(root, catalogPath), 'utf8'))) {
  writeFileSync(join(root, catalogPath), 'export const rules = [] as const;\n');
  console.error(`${catalogPath} had merge conflict markers: regenerating it from the rules`);
}
const { lintRules } = await import('../src/lint/index.ts');

/** Every rule, in catalog order: the checker's own, then the lint rules. */
export function allRules(): RuleInfo[] {
  const lint = lintRules.map(({ id, severity, title, hint, examples }): RuleInfo => ({ id, severity, title, hint, ...(examples ? { examples } : {}) }));
  return [...checkerRules, ...lint];
}

/** The catalog module: each rule's id, severity, title, hint and docs URL. */
export function renderCatalog(rules: readonly RuleInfo[]): string {
  const rows = rules.map(({ id, severity, title, hint }) => `  { id: ${JSON.stringify(id)}, severity: ${JSON.stringify(severity)}, title: ${JSON.stringify(title)}, hint: ${JSON.stringify(hint)}, url: ${JSON.stringify(ruleDocPath(id))} },`);
  return [
    '// Generated from src/diagnostics/checker-rules.ts and src/lint/*.ts by `npm run generate`.',
    '// Do not edit: change the rule and regenerate. A test fails when this file is stale.',
    'export const rules = [',
    ...rows,
    '] as const;',
    '',
  ].join('\n');
}

const severityWord = { error: 'Error', warning: 'Warning', info: 'Info' } as const;

/** docs/rules/README.md with its table of rules regenerated. */
export function renderReadme(rules: readonly RuleInfo[], current: string): string {
  const table = ['| Rule | Severity | What it catches |', '| --- | --- | --- |', ...rules.map((rule) => `| [\`${rule.id}\`](${rule.id}.md) | ${severityWord[rule.severity]} | ${rule.title} |`)];
  const lines = current.split('\n');
  const start = lines.findIndex((line) => line.startsWith('| Rule |'));
  if (start === -1) return `${current.trimEnd()}\n\n${table.join('\n')}\n`;
  let end = start;
  while (end < lines.length && lines[end]!.startsWith('|')) end++;
  return [...lines.slice(0, start), ...table, ...lines.slice(end)].join('\n');
}

/** One file of a fixture case, by its path inside the case. */
interface CaseFile {
  name: string;
  path: string;
  text: string;
}

/** A fixture's settings (see test/rule-fixtures.ts). */
interface FixtureOptions {
  failPath?: string;
  today?: string;
  release?: boolean;
}

function optionsOf(dir: string): FixtureOptions {
  return existsSync(join(root, dir, 'options.json')) ? (JSON.parse(readFileSync(join(root, dir, 'options.json'), 'utf8')) as FixtureOptions) : {};
}

function caseFiles(dir: string, kind: 'fail' | 'pass'): CaseFile[] {
  const options = optionsOf(dir);
  if (kind === 'fail' && options.failPath) return existsSync(join(dir, options.failPath)) ? [fileOf(join(dir, options.failPath), options.failPath)] : [];
  const tree = join(dir, kind);
  if (existsSync(tree) && statSync(tree).isDirectory()) {
    return (readdirSync(tree, { recursive: true }) as string[])
      .filter((name) => statSync(join(tree, name)).isFile())
      .sort()
      .map((name) => fileOf(join(tree, name), name));
  }
  return existsSync(`${tree}.md`) ? [fileOf(`${tree}.md`, `${kind}.md`)] : [];
}

function fileOf(path: string, name: string): CaseFile {
  // Shown, not parsed: undecodable bytes become U+FFFD, a NUL byte a visible ␀.
  return { name, path, text: new TextDecoder().decode(readFileSync(join(root, path))).replaceAll('\0', '␀').replaceAll('\r\n', '\n') };
}

/** A run of lines shown together: the front matter, the text before the first heading, or a section. */
interface Chunk {
  key: string;
  first: number;
  lines: string[];
}

/** Split Markdown at its front matter and its headings (not those inside code fences). */
function chunksOf(text: string): Chunk[] {
  const lines = text.split('\n');
  const chunks: Chunk[] = [];
  let fence: string | undefined;
  let current: Chunk = { key: 'intro', first: 1, lines: [] };
  lines.forEach((line, index) => {
    const number = index + 1;
    if (index === 0 && line === '---') current.key = 'front matter';
    else if (current.key === 'front matter' && line === '---' && chunks.length === 0) {
      current.lines.push(line);
      chunks.push(current);
      current = { key: 'intro', first: number + 1, lines: [] };
      return;
    }
    const marker = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && fence === undefined) fence = marker;
    else if (marker && line.trim() === fence) fence = undefined;
    else if (fence === undefined && /^#{1,6} /.test(line)) {
      chunks.push(current);
      current = { key: line, first: number, lines: [] };
    }
    current.lines.push(line);
  });
  chunks.push(current);
  return chunks.filter((chunk) => chunk.lines.some((line) => line.trim() !== ''));
}

/** The parts of `file` worth showing: those with a reported line, or that differ from `other`. */
function excerpt(file: CaseFile, other: CaseFile | undefined, reported: readonly number[]): string {
  if (file.text.trim() === '') return '';
  const isMarkdown = file.name.endsWith('.md');
  const chunks = isMarkdown ? chunksOf(file.text) : [{ key: 'all', first: 1, lines: file.text.split('\n') }];
  const theirs = new Map((other && isMarkdown ? chunksOf(other.text) : other ? [{ key: 'all', first: 1, lines: other.text.split('\n') }] : []).map((chunk) => [chunk.key, chunk.lines.join('\n').trim()]));
  const shown = chunks.filter((chunk) => {
    const has = reported.some((line) => line >= chunk.first && line < chunk.first + chunk.lines.length);
    return has || (other !== undefined && theirs.get(chunk.key) !== chunk.lines.join('\n').trim());
  });
  // A file with nothing reported that has no counterpart, or differs from it throughout
  // (an empty file, a shorter policy): its beginning says what it is.
  const whole = shown.length === chunks.length && chunks.length > 2;
  const picked = shown.length > 0 && !whole ? shown : chunks.slice(0, 1);
  const parts: string[] = [];
  picked.forEach((chunk, index) => {
    const previous = picked[index - 1];
    if (index > 0 && previous && previous.first + previous.lines.length !== chunk.first) parts.push('…', '');
    const body = [...chunk.lines];
    while (body.length > 0 && body.at(-1)!.trim() === '') body.pop();
    parts.push(...body, '');
  });
  if (picked.length < chunks.length && picked.at(-1) === chunks[0] && picked.length === 1 && chunks.length > 1) parts.push('…');
  const text = parts.join('\n').trimEnd();
  const fence = isMarkdown ? '````' : '```';
  const language = isMarkdown ? 'markdown' : file.name.endsWith('.json') ? 'json' : 'text';
  return `${fence}${language}\n${text}\n${fence}`;
}

/** Pair each file of one case with its counterpart in the other: same name, or the only Markdown file of each. */
function counterpart(file: CaseFile, others: readonly CaseFile[], own: readonly CaseFile[]): CaseFile | undefined {
  const same = others.find((other) => other.name === file.name);
  if (same) return same;
  const markdown = (files: readonly CaseFile[]) => files.filter((candidate) => candidate.name.endsWith('.md'));
  return markdown(own).length === 1 && markdown(others).length === 1 && file.name.endsWith('.md') ? markdown(others)[0] : undefined;
}

/** The examples of one case as Markdown: each file that matters, with its name when there are several. */
function caseExamples(files: readonly CaseFile[], others: readonly CaseFile[], expected: readonly string[]): string[] {
  const blocks: string[] = [];
  for (const file of files) {
    const reported = expected.flatMap((line) => {
      const match = /^(.*?):(\d+):\d+ /.exec(line);
      return match && match[1] === file.path ? [Number(match[2])] : [];
    });
    const other = counterpart(file, others, files);
    const differs = !other || other.text !== file.text;
    if (reported.length === 0 && !(differs && files.length === 1) && !(differs && other)) continue;
    const shown = excerpt(file, other, reported);
    const caption = files.length > 1 || file.name !== 'fail.md' && file.name !== 'pass.md' ? `\`${file.name}\`${shown ? ':' : ' is empty.'}` : shown ? '' : 'The file is empty.';
    blocks.push(...[caption, shown].filter(Boolean));
  }
  return blocks;
}

/** Which command prints the failing fixture's messages, and on what day when that matters. */
function printedBy(options: FixtureOptions): string {
  if (!options.release) return '`policy check` prints:';
  const today = options.today ?? '2026-11-27';
  const day = new Date(`${today}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return `Released on ${day}, \`policy release\` (or \`policy check --release --date ${today}\`) prints:`;
}

const generatedNote = (id: string) => `<!-- Generated by \`npm run generate\` from the rule's declaration and ${fixturesRoot}/${id}/: edit those, not this section. -->`;

/** The Fail and Pass sections of a rule's page, from its declaration and its fixtures. */
export function renderExamples(rule: RuleInfo): { fail: string; pass: string } {
  const dir = join(fixturesRoot, rule.id);
  const expectedFile = join(root, dir, 'expected.txt');
  const expected = existsSync(expectedFile) ? readFileSync(expectedFile, 'utf8').split('\n').filter(Boolean) : [];
  const fail = caseFiles(dir, 'fail');
  const pass = caseFiles(dir, 'pass');
  const link = `Positions refer to the full example in [\`${dir}/\`](../../${dir}/).`;
  const failParts = [
    '## Fail',
    generatedNote(rule.id),
    ...(rule.examples?.fail ? [rule.examples.fail] : []),
    ...caseExamples(fail, pass, expected),
    printedBy(optionsOf(dir)),
    `\`\`\`text\n${expected.join('\n')}\n\`\`\``,
    link,
  ];
  const passParts = ['## Pass', generatedNote(rule.id), ...(rule.examples?.pass ? [rule.examples.pass] : []), ...caseExamples(pass, fail, []), '`policy check` reports nothing for it.'];
  return { fail: failParts.join('\n\n'), pass: passParts.join('\n\n') };
}

/** Split a page into its `## ` sections (headings inside code fences do not count). */
function sectionsOf(page: string): { head: string; sections: { title: string; text: string }[] } {
  const lines = page.split('\n');
  const sections: { title: string; lines: string[] }[] = [];
  const head: string[] = [];
  let fence: string | undefined;
  for (const line of lines) {
    const marker = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && fence === undefined) fence = marker;
    else if (marker && line.trim() === fence) fence = undefined;
    else if (fence === undefined && line.startsWith('## ')) {
      sections.push({ title: line.slice(3).trim(), lines: [line] });
      continue;
    }
    (sections.at(-1)?.lines ?? head).push(line);
  }
  return { head: head.join('\n'), sections: sections.map((section) => ({ title: section.title, text: section.lines.join('\n').trimEnd() })) };
}

/**
 * A rule's page: its heading and severity line and its Fail and Pass sections generated, every
 * other section (Why, How to fix, ...) kept as written. A new page gets Why and How to fix
 * from the rule's title and hint, to be written out by hand.
 */
export function renderRulePage(rule: RuleInfo, current: string | undefined): string {
  const { sections } = sectionsOf(current ?? '');
  const kept = sections.filter((section) => section.title !== 'Fail' && section.title !== 'Pass');
  const why = kept.find((section) => section.title === 'Why') ?? { title: 'Why', text: `## Why\n\n${rule.title}` };
  const rest = kept.filter((section) => section.title !== 'Why');
  if (!rest.some((section) => section.title === 'How to fix')) rest.push({ title: 'How to fix', text: `## How to fix\n\n${rule.hint}` });
  const { fail, pass } = renderExamples(rule);
  return `${[`# ${rule.id}`, `${severityWord[rule.severity]} · ${rule.title}`, why.text, fail, pass, ...rest.map((section) => section.text)].join('\n\n')}\n`;
}

/** Every generated file: path (from the repository root) and its text. */
export function generatedFiles(): { path: string; text: string }[] {
  const rules = allRules();
  const read = (path: string) => (existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : undefined);
  return [
    { path: catalogPath, text: renderCatalog(rules) },
    { path: 'docs/rules/README.md', text: renderReadme(rules, read('docs/rules/README.md') ?? '# Rules of `policy check`\n') },
    ...rules.map((rule) => ({ path: ruleDocPath(rule.id), text: renderRulePage(rule, read(ruleDocPath(rule.id))) })),
  ];
}

if (import.meta.main) {
  for (const { path, text } of generatedFiles()) {
    const target = join(root, path);
    if (existsSync(target) && readFileSync(target, 'utf8') === text) continue;
    writeFileSync(target, text);
    console.log(`wrote ${relative(root, target)}`);
  }
}
