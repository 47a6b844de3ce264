import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { decideStoreLabels } from '../src/labels/decide.ts';
import { recordOfProcessingCsv } from '../src/labels/record.ts';
import { appPrivacyDetailsJson, playDataSafetyCsv, privacyManifest } from '../src/labels/writers.ts';
import type { PolicyDocument } from '../src/model/policy.generated.ts';
import { labelDrift } from '../src/labels/outputs.ts';
import { buildLabels, labelFiles, labelOutputs } from '../src/workspace/build-labels.ts';
import { documentsOf } from './support/documents.ts';

const [example] = await documentsOf('examples/app-labels/policy.md');
const [allai] = await documentsOf('test/fixtures/workspace/policies/allai/policy.md');
const expectedDir = 'examples/app-labels/expected';

/** The reference list of Play CSV codes, by section. */
const template = (() => {
  const sections: Record<string, string[]> = {};
  let current = '';
  for (const line of readFileSync('test/fixtures/store-labels/play-template-codes.txt', 'utf8').split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) sections[(current = header[1]!)] = [];
    else sections[current]!.push(line);
  }
  return sections;
})();

const rowsOf = (text: string): string[][] => parse(text, { relax_column_count: false }) as string[][];

describe('store labels of the fully declared example', () => {
  it('match the reviewed golden files, one for one', () => {
    const outputs = labelOutputs(example!);
    expect(Object.keys(outputs).sort()).toEqual(readdirSync(expectedDir).sort());
    for (const [name, text] of Object.entries(outputs)) expect(text, name).toBe(readFileSync(`${expectedDir}/${name}`, 'utf8'));
  });

  it('leave nothing to declare', () => {
    expect(decideStoreLabels(example!).undecided).toEqual([]);
  });

  it('write a Play CSV whose columns and codes are those of the Console template', () => {
    const [header, ...rows] = rowsOf(playDataSafetyCsv(decideStoreLabels(example!)));
    expect(header!.join(',')).toBe(template.columns![0]);
    const types = new Set(template.types!);
    const questions = new Set(template.questions!);
    const purposes = new Set(template.purposes!);
    for (const [question, response, value] of rows) {
      const usage = /^PSL_DATA_USAGE_RESPONSES:([A-Z_]+):(.+)$/.exec(question!);
      const known = types.has(`${question},${response}`) || questions.has(`${question},${response}`)
        || (usage !== null && types.has([...types].find((row) => row.endsWith(`,${usage[1]}`)) ?? '')
          && (questions.has(`PSL_DATA_USAGE_RESPONSES:*:${usage[2]},${response}`) || (/^DATA_USAGE_(COLLECTION|SHARING)_PURPOSE$/.test(usage[2]!) && purposes.has(response!))));
      expect(known, `${question},${response}`).toBe(true);
      expect(['', 'true', 'false'].includes(value!) || question === 'PSL_DATA_DELETION_URL', `${question} ${value}`).toBe(true);
    }
  });

  it('write a PrivacyInfo.xcprivacy that parses as a property list with the declared types', () => {
    const xml = privacyManifest(decideStoreLabels(example!))!;
    const json = execFileSync('python3', ['-c', 'import plistlib, json, sys; print(json.dumps(plistlib.loads(sys.stdin.buffer.read())))'], { input: xml }).toString();
    expect(JSON.parse(json)).toEqual({
      NSPrivacyTracking: false,
      NSPrivacyCollectedDataTypes: [
        { NSPrivacyCollectedDataType: 'NSPrivacyCollectedDataTypeCrashData', NSPrivacyCollectedDataTypeLinked: false, NSPrivacyCollectedDataTypeTracking: false, NSPrivacyCollectedDataTypePurposes: ['NSPrivacyCollectedDataTypePurposeAnalytics'] },
        { NSPrivacyCollectedDataType: 'NSPrivacyCollectedDataTypeEmailAddress', NSPrivacyCollectedDataTypeLinked: true, NSPrivacyCollectedDataTypeTracking: false, NSPrivacyCollectedDataTypePurposes: ['NSPrivacyCollectedDataTypePurposeAppFunctionality'] },
      ],
    });
  });
});

/** The example with one edit, decided again. */
function edited(edit: (document: PolicyDocument) => void) {
  const document = structuredClone(example!);
  edit(document);
  return { document, labels: decideStoreLabels(document) };
}

describe('deciding store answers', () => {
  it('never guesses: an unstated fact leaves its answer blank, says what to declare, and withholds the Apple files', () => {
    const { labels } = edited((d) => {
      d.declarations.categories[0]!.sharing = 'unstated';
      d.declarations.categories[0]!.linkedToIdentity = 'unstated';
    });
    expect(labels.undecided.map((entry) => [entry.stores, entry.key])).toEqual([[['apple'], 'linkedToIdentity'], [['googlePlay'], 'sharing']]);
    expect(labels.undecided[0]!.message).toBe('The policy does not state, for category `email`, whether it is linked to the user\'s identity (Apple asks): state it in the text, then declare `linkedToIdentity`');
    const rows = rowsOf(playDataSafetyCsv(labels));
    const sharingRows = rows.filter(([question]) => question === 'PSL_DATA_USAGE_RESPONSES:PSL_EMAIL:PSL_DATA_USAGE_COLLECTION_AND_SHARING');
    expect(sharingRows.map((row) => row[2])).toEqual(['', '']);
    expect(appPrivacyDetailsJson(labels)).toBeUndefined();
    expect(privacyManifest(labels)).toBeUndefined();
  });

  it('claims the wider answer when two categories share a store type, and sharing with a third party names its purposes', () => {
    const { labels } = edited((d) => {
      d.declarations.categories.push({ ...structuredClone(d.declarations.categories[0]!), id: 'backup-email', label: 'Backup email', linkedToIdentity: false, usedForTracking: true, sharing: 'third-parties' });
      d.declarations.purposes[0]!.categories = ['email', 'backup-email'];
      d.declarations.recipients.push({ id: 'ads', label: 'Ad network', role: 'independent-controller', categories: ['backup-email'], purposes: ['provide-app'] });
    });
    expect(labels.undecided).toEqual([]);
    expect(labels.apple.find((answer) => answer.type === 'EMAIL_ADDRESS')).toMatchObject({ linked: true, tracking: true, categories: ['email', 'backup-email'] });
    expect(labels.googlePlay.find((answer) => answer.type === 'PSL_EMAIL')).toMatchObject({ shared: true, sharingPurposes: ['PSL_APP_FUNCTIONALITY'] });
    expect(JSON.parse(appPrivacyDetailsJson(labels)!).find((entry: { category: string }) => entry.category === 'EMAIL_ADDRESS').data_protections).toEqual(['DATA_LINKED_TO_YOU', 'DATA_USED_TO_TRACK_YOU']);
  });

  it('reports a store type outside the reviewed catalog instead of writing it', () => {
    const { labels } = edited((d) => void (d.declarations.categories[1]!.storeTypes = { apple: 'CRASH_LOGS', googlePlay: 'PSL_CRASH_LOGS' }));
    expect(labels.undecided).toMatchObject([{ stores: ['apple'], key: 'storeTypes', message: 'CRASH_LOGS is not one of the Apple data types of the reviewed mapping: use one listed in docs/store-labels.md' }]);
  });
});

describe('ALLAI', () => {
  const labels = decideStoreLabels(allai!);
  it('lists exactly what it still has to declare for the stores', () => {
    const keyed = labels.undecided.map((entry) => `${(entry.item as { id?: string } | undefined)?.id ?? '(policy)'} ${entry.key}`);
    const categories = ['contact', 'payment', 'content', 'technical', 'integration-data', 'cookie-data'];
    const purposes = ['provide-service', 'generate-content', 'billing', 'communication', 'security', 'legal-compliance', 'analytics'];
    expect(new Set(keyed)).toEqual(new Set([
      ...categories.flatMap((id) => [`${id} id`, `${id} linkedToIdentity`, `${id} usedForTracking`, `${id} optional`, `${id} ephemeral`, `${id} sharing`]),
      ...purposes.map((id) => `${id} id`),
      '(policy) encryptedInTransit', '(policy) deletionRequestUrl',
    ]));
    expect(keyed).toHaveLength(categories.length * 6 + purposes.length + 2);
  });

  it('gets no Apple file, a Play CSV with every answer open, and a full record of processing', () => {
    const outputs = labelOutputs(allai!);
    expect(Object.keys(outputs).sort()).toEqual([labelFiles.googlePlay, labelFiles.record, labelFiles.undecided].sort());
    const rows = rowsOf(outputs[labelFiles.googlePlay]!);
    expect(rows.slice(1).every((row) => row[2] === '')).toBe(true);
    const record = rowsOf(outputs[labelFiles.record]!);
    expect(record.slice(1).map((row) => row[0])).toEqual(allai!.declarations.purposes.map((purpose) => purpose.id));
    expect(record[1]![4]).toBe('not stated in the policy');
  });
});

describe('the record of processing', () => {
  it('keeps policy text as text when a spreadsheet opens it', () => {
    const { document } = edited((d) => void (d.declarations.purposes[0]!.label = '=HYPERLINK("http://evil.example","click")'));
    const rows = rowsOf(recordOfProcessingCsv(document));
    expect(rows[1]![3]).toBe('\'=HYPERLINK("http://evil.example","click")');
  });
});

describe('policy build', () => {
  it('writes each policy\'s newest version\'s label files under labels/<policy>/ and says what is left to declare', async () => {
    const out = mkdtempSync(join(tmpdir(), 'labels-'));
    try {
      const older = structuredClone(example!);
      older.meta.version = '0.9.0';
      older.declarations.categories.pop();
      const log: string[] = [];
      await buildLabels([older, example!, allai!], out, (line) => log.push(line));
      expect(readdirSync(join(out, 'labels', 'app-labels')).sort()).toEqual(readdirSync(expectedDir).sort());
      expect(readFileSync(join(out, 'labels', 'app-labels', labelFiles.apple), 'utf8')).toBe(readFileSync(join(expectedDir, labelFiles.apple), 'utf8'));
      expect(readdirSync(join(out, 'labels', 'allai')).sort()).toEqual([labelFiles.googlePlay, labelFiles.record, labelFiles.undecided].sort());
      expect(log.find((line) => line.startsWith('built allai'))).toContain(`45 answers to declare, see ${labelFiles.undecided}; not written until declared: ${labelFiles.apple}, ${labelFiles.manifest}`);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('drift between a committed label file and the policy', () => {
  const outputs = labelOutputs(example!);
  it('is none for the file as built, whatever its line endings', () => {
    expect(labelDrift(labelFiles.googlePlay, outputs[labelFiles.googlePlay]!.replaceAll('\r\n', '\n'), outputs)).toBeUndefined();
  });

  it('names the first line that differs', () => {
    const stale = outputs[labelFiles.record]!.replace('TLS encryption in transit', 'none');
    expect(labelDrift(labelFiles.record, stale, outputs)).toEqual({ line: 2, message: expect.stringContaining('line 2 is `provide-app,') });
  });

  it('reports an Apple file committed for a policy that does not decide every Apple answer', () => {
    expect(labelDrift(labelFiles.apple, outputs[labelFiles.apple]!, labelOutputs(allai!))).toMatchObject({ line: 1, message: expect.stringContaining('it claims what the policy does not state') });
  });
});
