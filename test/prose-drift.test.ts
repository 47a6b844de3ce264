// Prose inside a structured policy: a new sentence naming data, a recipient, a purpose or a
// retention period that no declaration covers blocks the release, unless an editor marks it
// reviewed with a reason.
import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { checkDrift } from '../src/history/drift.ts';
import { checkPolicy } from '../src/check.ts';
import { fileFromBytes } from '../src/parse/read.ts';
import { severityOf } from '../src/diagnostics/report.ts';

const folder = 'test/fixtures/rules/undeclared-prose-change/fail/policies/example';
const released = readFileSync(`${folder}/versions/1.0.0.md`, 'utf8');
const draft = readFileSync(`${folder}/policy.md`, 'utf8');
const sentence = 'We also share your email address with advertising partners, who keep it for two years.';

function findings(text: string) {
  const { document } = checkPolicy(fileFromBytes('policy.md', new TextEncoder().encode(text)));
  const file = new VFile({ path: 'policy.md', value: text });
  checkDrift(file, document!, text, { text: released });
  return file.messages;
}

describe('undeclared prose in a structured policy', () => {
  it('is an error at the sentence, naming what is undeclared and both fixes', () => {
    const [message, ...rest] = findings(draft);
    expect(rest).toEqual([]);
    expect(severityOf(message!)).toBe('error');
    expect(message!.ruleId).toBe('undeclared-prose-change');
    expect(message!.reason).toContain('"advertising partners", "2 years"');
    expect(message!.reason).toContain('declare it, or mark the sentence reviewed with a reason');
    const line = draft.split('\n')[message!.line! - 1]!;
    expect(line.slice(message!.column! - 1)).toMatch(/^We also share your email address/);
  });

  it('is silenced by a reviewed marker with a reason, not by one without', () => {
    expect(findings(draft.replace(sentence, `${sentence} <!-- reviewed: the email-provider recipient covers this -->`))).toEqual([]);
    expect(findings(draft.replace(sentence, `${sentence} <!-- reviewed: -->`))).toHaveLength(1);
  });
});
