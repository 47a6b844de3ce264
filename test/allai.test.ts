import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPaths } from '../src/workspace/check.ts';
import { toRecords } from '../src/diagnostics/format.ts';
import { sectionsOf } from '../src/document/build.ts';

const seedPath = '../shared/seed/allai-privacy-policy-2025-06-04.txt';
// 1.0.0 is the seed as published; the draft (1.0.1) removed the duplicated Pinterest section.
const [result] = await checkPaths(['test/fixtures/workspace/policies/allai/versions/1.0.0.md']);
const document = result!.document!;
const [draft] = await checkPaths(['test/fixtures/workspace/policies/allai']);

/** Sentences of a text, with bullets and whitespace normalised. */
function sentences(text: string): string[] {
  return text
    .replace(/\u2022/g, '\n')
    .split(/\n+|(?<=[.!?])\s+(?=[A-Z])/)
    .map((sentence) => sentence.replace(/\s+/g, ' ').trim())
    .filter((sentence) => sentence.length > 0);
}

describe('ALLAI policy 1.0.0 (released snapshot)', () => {
  it('is a valid document with the seed metadata', () => {
    expect(document).toBeDefined();
    expect(document.meta).toMatchObject({ id: 'allai', version: '1.0.0', effective: '2025-06-04', updated: '2025-06-04', locale: 'en' });
    expect(document.meta.controller.name).toBe('ELEVIUM SOFTWARE DESIGN L.L.C S.O.C');
  });

  it('keeps every sentence of the seed text in its prose', () => {
    const seed = readFileSync(seedPath, 'utf8');
    const prose = [...sectionsOf(document)].flatMap((section) => [section.title, ...sentences(section.text)]);
    const missing = sentences(seed).filter((sentence) => !prose.some((line) => line.includes(sentence)));
    expect(missing).toEqual([]);
  });

  it('declares every fact the seed states', () => {
    const d = document.declarations;
    expect(d.categories.map((c) => c.id)).toEqual(['contact', 'payment', 'content', 'technical', 'integration-data', 'cookie-data']);
    expect(d.purposes).toHaveLength(7);
    expect(d.recipients.map((r) => [r.id, r.role])).toEqual([
      ['service-providers', 'processor'],
      ['legal-authorities', 'public-authority'],
      ['safety-and-rights', 'unstated'],
      ['business-transfers', 'acquirer'],
    ]);
    expect(d.retention[0]).toMatchObject({ categories: 'all', afterwards: 'delete-or-anonymize' });
    expect(d.transfers[0]).toMatchObject({ destinations: 'unstated', safeguard: 'unstated' });
    expect(d.rights?.jurisdictions).toEqual(['EEA', 'United Kingdom', 'Switzerland', 'California']);
    expect(d.rights?.granted).toHaveLength(7);
    expect(d.children?.minimumAge).toBe(18);
    expect(d.cookies?.controls).toEqual(['browser settings']);
    expect(d.thirdPartyLinks).toEqual({ present: true, responsibility: 'disclaimed' });
    const [pinterest] = d.integrations;
    expect(pinterest).toMatchObject({ id: 'pinterest', noSale: true, onDisconnect: { access: 'stops', deletion: { within: 'unstated', withinText: 'a reasonable period' } } });
  });

  it('invents no legal basis: only the legal-obligation purpose states one', () => {
    const stated = document.declarations.purposes.filter((purpose) => purpose.basis !== 'unstated');
    expect(stated.map((purpose) => [purpose.id, purpose.basis])).toEqual([['legal-compliance', 'legal-obligation']]);
  });

  it('places declarations in the sections whose prose states them', () => {
    const byTitle = new Map([...sectionsOf(document)].map((section) => [section.title, section.declared]));
    expect(byTitle.get('Information We Collect')).toContain('categories/contact');
    expect(byTitle.get('Use of Pinterest API')).toEqual(['integrations/pinterest']);
    expect(byTitle.get('Pinterest API')).toEqual([]);
    expect(byTitle.get('Contact Us')).toEqual(['contact']);
  });

  it('reports the seed defects as warnings, and no error', () => {
    const records = toRecords([result!.file]);
    expect(records.filter((record) => record.severity === 'error')).toEqual([]);
    const counts: Record<string, number> = {};
    for (const record of records) counts[record.ruleId] = (counts[record.ruleId] ?? 0) + 1;
    expect(counts).toEqual({ 'unstated-declaration': 13, 'duplicate-section': 1, 'empty-contact': 1, 'acceptance-by-use': 1 });
    // 1.0.1 fixed the duplicate and nothing else.
    const fixed = toRecords([draft!.file]).map((record) => record.ruleId);
    expect(fixed).not.toContain('duplicate-section');
    expect(fixed).toHaveLength(records.length - 1);
    const duplicate = records.find((record) => record.ruleId === 'duplicate-section')!;
    expect(duplicate.message).toContain('"Pinterest API" repeats section "Use of Pinterest API"');
    const contact = records.find((record) => record.ruleId === 'empty-contact')!;
    expect(contact.message).toContain('contact us via:');
  });
});
