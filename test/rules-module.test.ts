import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { annotationKeywords } from '../src/validate/compile.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRules } from '../src/workspace/build-rules.ts';
import { canonicalJson, sha256 } from '../src/model/canonical.ts';
import type { CompiledPolicy } from '../src/runtime/policy-runtime.ts';
import { allaiVersions, documentsOf } from './support/documents.ts';

type Allai = CompiledPolicy<string, string, string, string, string>;

// The emitted module is imported and run, not only compared as text.
let current: Allai;
let history: Allai;
let out: string;
let violation: new (...args: never[]) => Error;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'rules-'));
  await buildRules(await documentsOf('test/fixtures/workspace/policies/allai/versions/1.0.0.md'), join(out, 'current'));
  const module = (await import(pathToFileURL(join(out, 'current/rules/allai/index.js')).href)) as { policy: Allai; PolicyViolation: typeof violation };
  current = module.policy;
  violation = module.PolicyViolation;
  await buildRules(await documentsOf(...allaiVersions), join(out, 'history'));
  history = ((await import(pathToFileURL(join(out, 'history/rules/allai/index.js')).href)) as { policy: Allai }).policy;
}, 60_000);

describe('rules.json', () => {
  it('is canonical JSON whose SHA-256 is recorded next to it and in the module', () => {
    const text = readFileSync(join(out, 'current/rules/allai/1.0.0/rules.json'), 'utf8');
    expect(canonicalJson(JSON.parse(text))).toBe(text);
    const hash = sha256(text);
    expect(readFileSync(join(out, 'current/rules/allai/1.0.0/rules.sha256'), 'utf8')).toBe(`${hash}  rules.json\n`);
    expect(current.hash).toBe(hash);
  });

  it('validates against its own JSON Schema, for services in other languages', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/).addFormat('iso-duration', /^P/).addFormat('semver', /^\d+\.\d+\.\d+/);
    ajv.addVocabulary([...annotationKeywords]);
    for (const name of ['policy', 'change']) ajv.addSchema(JSON.parse(readFileSync(join(out, `current/rules/schema/${name}.schema.json`), 'utf8')));
    const validate = ajv.compile(JSON.parse(readFileSync(join(out, 'current/rules/schema/rules.schema.json'), 'utf8')));
    const rules = JSON.parse(readFileSync(join(out, 'current/rules/allai/1.0.0/rules.json'), 'utf8'));
    expect(validate(rules), JSON.stringify(validate.errors)).toBe(true);
  });

  it('lists the facts the policy leaves unstated', () => {
    expect(current.rules.unstated).toContain('/purposes/analytics/basis');
    expect(current.rules.unstated).toContain('/integrations/pinterest/onDisconnect/deletion/within');
    expect(current.rules.noticePeriod).toEqual({ duration: 'P30D', stated: false });
  });

  it('writes JSON-LD with DPV terms for legal bases and recipient roles', () => {
    const graph = JSON.parse(readFileSync(join(out, 'current/rules/allai/1.0.0/rules.jsonld'), 'utf8'));
    expect(graph['@context'].dpv).toBe('https://w3id.org/dpv#');
    const handling = graph['dpv:hasPersonalDataHandling'] as { 'rdfs:label': string; 'dpv:hasLegalBasis'?: { '@id': string }; 'dpv:hasRecipient': { '@type': string }[] }[];
    expect(handling).toHaveLength(7);
    const legal = handling.find((item) => item['rdfs:label'].startsWith('Comply'))!;
    expect(legal['dpv:hasLegalBasis']).toEqual({ '@id': 'dpv:LegalObligation' });
    expect(handling.filter((item) => item['dpv:hasLegalBasis'])).toHaveLength(1);
    expect(legal['dpv:hasRecipient'].map((recipient) => recipient['@type'])).toContain('dpv:DataProcessor');
  });
});

describe('the compiled ALLAI module', () => {
  it('knows its versions', () => {
    expect(current.policy).toBe('allai');
    expect(current.version).toBe('1.0.0');
    expect(current.versions).toEqual(['1.0.0']);
    expect(history.versions).toEqual(['1.0.0', '1.1.0', '2.0.0']);
    expect(history.version).toBe('2.0.0');
  });

  it('answers may purpose P use category C', () => {
    // "We use the information we collect for the following purposes": every category, every purpose...
    expect(current.can({ purpose: 'analytics', category: 'contact' })).toBe(true);
    expect(current.can({ purpose: 'legal-compliance', category: 'payment' })).toBe(true);
    // ...except generating AI content, which the policy ties to prompts and uploads.
    expect(current.can({ purpose: 'generate-content', category: 'content' })).toBe(true);
    expect(current.can({ purpose: 'generate-content', category: 'contact' })).toBe(false);
    expect(current.can({ purpose: 'marketing', category: 'contact' })).toBe(false);
    expect(current.can({ purpose: 'toString', category: 'constructor' })).toBe(false);
    expect(history.can({ purpose: 'marketing', category: 'contact' })).toBe(true);
    expect(history.at('1.0.0').can({ purpose: 'marketing', category: 'contact' })).toBe(false);
  });

  it('answers may recipient R receive category C, for purpose P, under which condition', () => {
    expect(current.mayReceive('legal-authorities', 'contact')).toEqual({ allowed: true, condition: 'where required by law, regulation or legal process' });
    expect(current.mayReceive('service-providers', 'payment', 'billing')).toEqual({ allowed: true, condition: 'acting on our behalf' });
    expect(current.mayReceive('business-transfers', 'technical').allowed).toBe(true);
    expect(history.mayReceive('business-transfers', 'technical')).toEqual({ allowed: false, condition: null });
    expect(current.can({ recipient: 'advertisers', category: 'contact' })).toBe(false);
  });

  it('gives retention rules and deletion deadlines', () => {
    expect(current.retention('contact')).toEqual([{ kind: 'criteria', criteria: ['as long as necessary to provide the Service', 'comply with legal obligations', 'resolve disputes', 'enforce our agreements'], afterwards: 'delete-or-anonymize' }]);
    expect(current.deleteBy('contact', { collectedAt: '2025-07-01' })).toMatchObject({ kind: 'criteria' });
    // Pinterest data after disconnect: "within a reasonable period", no date.
    expect(current.deleteBy('integration-data', { collectedAt: '2025-07-01', integration: 'pinterest', disconnectedAt: '2025-08-01' })).toEqual({ kind: 'unstated', text: 'a reasonable period', rule: null });
  });

  it('gives the Pinterest integration terms', () => {
    const pinterest = current.integration('pinterest');
    expect(pinterest.noSale).toBe(true);
    expect(pinterest.onDisconnect.access).toBe('stops');
    expect(pinterest.uses.map((use) => use.purpose)).toEqual(['provide-service', 'provide-service', 'security', 'legal-compliance', 'provide-service']);
    expect(() => current.integration('instagram')).toThrow(/no integration `instagram` is declared/);
  });

  it('throws a PolicyViolation naming the policy, version and missing declaration', () => {
    expect(() => current.assertAllowed({ purpose: 'analytics', category: 'contact' })).not.toThrow();
    let error: unknown;
    try {
      current.assertAllowed({ purpose: 'generate-content', category: 'payment' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(violation);
    expect((error as Error).message).toBe('allai@1.0.0 does not allow this: purpose `generate-content` is not declared to use category `payment`');
    expect(() => current.assertAllowed({ purpose: 'marketting', category: 'contact' })).toThrow('no purpose `marketting` is declared');
    expect(() => history.assertAllowed({ recipient: 'business-transfers', category: 'contact' })).toThrow('allai@2.0.0 does not allow this: no recipient `business-transfers` is declared');
  });

  it('lists the classified changes since an accepted version, across skipped versions', () => {
    expect(current.changesSince('1.0.0')).toEqual([]);
    const all = history.changesSince('1.0.0');
    const subjects = all.map((change) => `${change.kind}:${change.subject}${change.field ? `.${change.field}` : ''}:${change.change}`);
    expect(subjects).toEqual(expect.arrayContaining(['recipient:business-transfers:removed', 'contact:contact.channels:added', 'purpose:marketing:added', 'integration:pinterest.uses:added']));
    expect(history.changesSince('1.1.0').some((change) => change.subject === 'business-transfers')).toBe(false);
    expect(() => history.changesSince('0.9.0')).toThrow(/no published version 0\.9\.0/);
  });

  it('scopes re-consent and notification to the user', () => {
    // A new consent purpose concerns everyone.
    expect(history.requiresReconsent('1.0.0')).toBe(true);
    expect(history.requiresReconsent('1.1.0', { integrations: [] })).toBe(true);
    // 1.0.0 -> 1.1.0 only narrows: nobody needs to be told before it takes effect.
    expect(history.at('1.1.0') && history.changesSince('1.0.0').filter((c) => c.subject === 'business-transfers')[0]).toMatchObject({ material: true, direction: 'narrows', action: 'inform', bump: 'minor' });
    expect(history.mustNotify('2.0.0')).toBe(false);
    expect(history.mustNotify('1.1.0')).toBe(true);
    const pinterest = history.changesSince('1.1.0').find((change) => change.kind === 'integration')!;
    expect(pinterest.audience).toEqual({ scope: 'integration', integration: 'pinterest' });
  });
});

describe('deleteBy with periods and events', () => {
  let minimal: Allai;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-minimal-'));
    await buildRules(await documentsOf('test/fixtures/policies/minimal'), dir);
    minimal = ((await import(pathToFileURL(join(dir, 'rules/minimal/index.js')).href)) as { policy: Allai }).policy;
  }, 60_000);

  it('waits for the event, then adds the period with calendar arithmetic', () => {
    // "until you delete your account, then 30 days"
    expect(minimal.deleteBy('email', { collectedAt: '2026-01-10' })).toMatchObject({ kind: 'after-event', event: 'account-deletion', then: 'P30D' });
    expect(minimal.deleteBy('email', { collectedAt: '2026-01-10', accountDeletedAt: '2026-01-31' })).toMatchObject({ kind: 'date', date: '2026-03-02' });
    expect(minimal.deleteBy('email', { collectedAt: '2026-01-10', accountDeletedAt: new Date('2028-02-15T10:00:00Z') })).toMatchObject({ kind: 'date', date: '2028-03-16' });
  });
});
