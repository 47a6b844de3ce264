import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../src/check.ts';
import { releasePolicy } from '../src/history/release.ts';
import { fileFromBytes } from '../src/parse/read.ts';
import { checkPaths } from '../src/workspace/check.ts';
import { copyPolicy } from './support/workspace.ts';

const minimal = readFileSync('test/fixtures/policies/minimal/policy.md', 'utf8');
const retention = '```yaml policy\nretention:';
const check = (text: string) => checkPolicy(fileFromBytes('policy.md', new TextEncoder().encode(text)));

describe('a mistyped declaration fence', () => {
  it.each(['```yaml', '```YAML Policy', '```YAML policy', '```yml policy', '```Yaml', '```', '```yaml-policy', '```policy'])('%s is an error offering the fix', (fence) => {
    const text = minimal.replace(retention, `${fence}\nretention:`);
    const { file } = check(text);
    const messages = file.messages.filter((message) => message.ruleId === 'mistyped-declaration-fence');
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message!.fatal).toBe(true);
    expect(message!.reason).toContain(`This block declares \`retention\`, but its fence reads "${fence}" instead of "\`\`\`yaml policy"`);
    expect(message!.line).toBe(text.slice(0, text.indexOf(`${fence}\nretention:`)).split('\n').length);
    expect(message!.actual).toBe(fence);
    expect(message!.expected).toEqual(['```yaml policy']);
    // The fix restores the declarations.
    const fixed = check(text.replace(`${fence}\nretention:`, `${message!.expected![0]}\nretention:`));
    expect(fixed.file.messages.filter((m) => m.fatal)).toEqual([]);
    expect(fixed.document!.declarations.retention).toHaveLength(1);
  });

  it.each([
    ['with its fence', (block: string) => block.split('\n').map((line) => (line ? `    ${line}` : line)).join('\n')],
    ['without a fence', (block: string) => block.split('\n').filter((line) => !line.startsWith('```')).map((line) => (line ? `    ${line}` : line)).join('\n')],
  ])('a declaration block indented four spaces %s is an error, not a code block published silently', (_name, indent) => {
    const start = minimal.indexOf(retention);
    const end = minimal.indexOf('```\n', start + retention.length) + 3;
    const text = minimal.slice(0, start) + indent(minimal.slice(start, end)) + minimal.slice(end);
    const { file, document } = check(text);
    const messages = file.messages.filter((message) => message.ruleId === 'mistyped-declaration-fence');
    expect(messages.map((message) => message.reason)).toEqual([expect.stringContaining('This block declares `retention`, but it is indented by four spaces or more, which makes it a code block')]);
    expect(messages[0]!.fatal).toBe(true);
    expect(messages[0]!.line).toBe(text.slice(0, start).split('\n').length);
    // It is the block the model lost.
    expect(document?.declarations.retention ?? []).toEqual([]);
  });

  it('leaves an indented YAML example that declares nothing alone', () => {
    const text = `${minimal}\n    newsletter:\n      frequency: weekly\n`;
    expect(check(text).file.messages.filter((message) => message.ruleId === 'mistyped-declaration-fence')).toEqual([]);
  });

  it('leaves YAML that declares nothing, and translated labels, alone', () => {
    const text = `${minimal}\n\`\`\`yaml\nnewsletter:\n  frequency: weekly\n\`\`\`\n\n\`\`\`yaml policy-labels\ncategories:\n  email: E-Mail\n\`\`\`\n\n\`\`\`yaml\nnot: [valid\n\`\`\`\n`;
    expect(check(text).file.messages.filter((message) => message.ruleId === 'mistyped-declaration-fence')).toEqual([]);
  });

  it('flags a block mixing declaration keys with others only when every key is a declaration key', () => {
    const text = minimal.replace(retention, '```yaml\nfrequency: weekly\nretention:');
    expect(check(text).file.messages.filter((message) => message.ruleId === 'mistyped-declaration-fence')).toEqual([]);
  });
});

describe('a removed declaration block', () => {
  it('is a change like any other: classified, and needing its version', async () => {
    const folder = copyPolicy('test/fixtures/policies/minimal', 'minimal');
    expect((await releasePolicy(folder, '2026-01-01')).entry?.version).toBe('1.0.0');
    // The retention block is deleted; its prose stays.
    const start = minimal.indexOf(retention);
    const end = minimal.indexOf('```\n', start + retention.length) + 4;
    writeFileSync(join(folder, 'policy.md'), minimal.slice(0, start) + minimal.slice(end));
    const [result] = await checkPaths([join(folder, 'policy.md')], undefined, { today: '2026-11-27' });
    expect(result!.pending!.changes.map((change) => change.reason)).toEqual([expect.stringMatching(/email/i)]);
    expect(result!.pending!.changes[0]!.kind).toBe('retention');
    expect(result!.pending!.required).not.toBe('patch');
    expect(result!.file.messages.map((message) => message.ruleId)).toContain('released-version-modified');
  });
});
