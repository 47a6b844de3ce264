import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from 'policy-as-code';
import { createPolicy } from 'policy-as-code/runtime';

// The public API, imported by the package's own name as a programmatic user would.
const folder = 'test/fixtures/workspace/policies/allai';
const text = (path: string) => readFileSync(path, 'utf8');

describe('the public API (policy-as-code)', () => {
  it('checks one file from its bytes, and a workspace folder with its released history', async () => {
    const { document, file } = api.checkPolicy(api.fileFromBytes('allai.md', new TextEncoder().encode(text(`${folder}/versions/1.0.0.md`))));
    expect(file.messages.filter((message) => message.fatal)).toEqual([]);
    expect(document?.meta.id).toBe('allai');

    const [policy] = await api.checkPaths([folder], undefined, { today: '2026-11-27' });
    expect(policy?.history?.released.map((released) => released.entry.version)).toEqual(['1.0.0', '1.0.1']);
    const history = await api.verifyHistory(folder, 'allai');
    expect(history.file.messages).toEqual([]);
  });

  it('reports bad input as messages with a rule id from the catalog, never by throwing', () => {
    const { file, document } = api.checkPolicy(api.fileFromBytes('bad.md', new TextEncoder().encode('no front matter here\n')));
    expect(document).toBeUndefined();
    const records = api.toRecords([file]);
    expect(records.map((record) => record.ruleId)).toEqual(['missing-front-matter']);
    expect(api.catalog.get('missing-front-matter')?.severity).toBe('error');
    expect(records[0]!.url).toBe(api.ruleDocPath('missing-front-matter'));
  });

  it('compiles, compares and classifies two versions, and names the bump they need', () => {
    const before = api.sideOf('1.0.0', text('test/fixtures/allai-versions/1.1.0/policy.md'));
    const after = api.sideOf('2.0.0', text('test/fixtures/allai-versions/2.0.0/policy.md'));
    const diff = api.comparePolicies(before, after);
    const changes = api.classifyChanges(before.document!, after.document!);
    expect(diff.changes).toEqual(changes);
    expect(diff.requiredBump).toBe(api.requiredBump(changes, true));
    expect(diff.requiredBump).toBe('major');
    expect(api.bumpCovers(api.declaredBump('1.1.0', '2.0.0'), diff.requiredBump)).toBe(true);
    expect(api.renderMarkdown(diff)).toContain('major');
  });

  it('compiles every version into data the rules runtime answers from', async () => {
    const documents = await Promise.all(['test/fixtures/allai-versions/1.1.0/policy.md', 'test/fixtures/allai-versions/2.0.0/policy.md'].map(async (path) => (await api.checkPaths([path]))[0]!.document!));
    const data = api.compilePolicy(documents);
    const policy = createPolicy(data, { clock: () => Date.parse('2099-01-01') });
    expect(policy.version).toBe(api.versionInForce(data.versions.map((version) => ({ version: version.rules.version, effective: version.rules.effective })), '2099-01-01').inForce?.version);
    expect(policy.version).toBe('2.0.0');
  });
});
