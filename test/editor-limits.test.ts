import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yamlRegions } from '../src/editor/regions.ts';
import { maxFileBytes } from '../src/parse/read.ts';
import { LspSession } from './support/lsp-client.ts';

// The language server under hostile documents (issue 19): hover and completion on a 50 MB
// document never answered and used 937 MB; 100,000 categories took 70 s to the first findings.
const root = fileURLToPath(new URL('../', import.meta.url));
const allai = readFileSync(`${root}test/fixtures/workspace/policies/allai/policy.md`, 'utf8');
const uri = (name: string) => pathToFileURL(`${root}test/fixtures/editor-limits/policies/${name}/policy.md`).href;

describe('the language server has limits', () => {
  let session: LspSession;
  beforeAll(async () => {
    session = new LspSession();
    await session.initialize();
  });
  afterAll(async () => {
    if (session.process.exitCode === null) session.process.kill();
  });

  it('answers hover and completion on a document over the size limit at once, with one clear finding', async () => {
    const huge = `${allai}\n${'Plain words of a pasted export. '.repeat(Math.ceil((maxFileBytes + 1024) / 32))}`;
    expect(huge.length).toBeGreaterThan(maxFileBytes);
    await session.open(uri('huge'), huge);
    const diagnostics = await session.diagnostics(uri('huge'), (list) => list.length > 0, 60_000);
    expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start])).toEqual([['file-too-large', { line: 0, character: 0 }]]);
    const started = performance.now();
    const line = allai.split('\n').findIndex((text) => /^    role:/.test(text));
    expect(await session.request('textDocument/hover', { textDocument: { uri: uri('huge') }, position: { line, character: 6 } })).toBeNull();
    expect(await session.request('textDocument/completion', { textDocument: { uri: uri('huge') }, position: { line, character: 10 } })).toBeNull();
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('refuses 100,000 categories before parsing them, with one finding, and offers no YAML work on them', async () => {
    const many = allai.replace('```yaml policy\ncategories:\n', `\`\`\`yaml policy\ncategories:\n${'  - id: c\n    label: C\n'.repeat(100_000)}`);
    expect(many).not.toBe(allai);
    await session.open(uri('many'), many);
    const diagnostics = await session.diagnostics(uri('many'), (list) => list.some((diagnostic) => diagnostic.code === 'too-many-nodes'), 60_000);
    expect(diagnostics.filter((diagnostic) => diagnostic.severity === 1).map((diagnostic) => [diagnostic.code, diagnostic.message.split('\n')[0]])).toEqual([['too-many-nodes', 'The file has more than 10,000 lines, the limit for one file']]);
    const block = many.split('\n').findIndex((text) => text === '  - id: c');
    expect(await session.request('textDocument/hover', { textDocument: { uri: uri('many') }, position: { line: block + 10, character: 6 } })).toBeNull();
  });

  it('finds no YAML regions in text over the limits, so hover and completion do no work there', () => {
    expect(yamlRegions(`${'- '.repeat(10_000)}x\n\`\`\`yaml policy\ncategories: []\n\`\`\`\n`)).toEqual([]);
    expect(yamlRegions('```yaml policy\ncategories: []\n```\n')).toHaveLength(1);
  });
});
