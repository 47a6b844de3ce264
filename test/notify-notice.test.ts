import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';
import { describe, expect, it } from 'vitest';
import type { NoticeEvent } from '../src/model/notice-event.generated.ts';
import { releaseEvents } from '../src/notify/cloudevent.ts';
import { renderNotice } from '../src/notify/notice.ts';
import { eventsOf, goldensRoot, noticeCases, renderGolden } from './notice-goldens.ts';
import { documentsOf } from './support/documents.ts';

const schema = (name: string) => JSON.parse(readFileSync(join('schema', name), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
ajv.addSchema(schema('change.schema.json'));
const validateEvent = ajv.compile(schema('notice-event.schema.json'));

/** Words, sentences and the Flesch-Kincaid grade of a message, links and list marks left out. */
function readability(text: string) {
  const prose = text.replace(/https?:\/\/\S+/g, '').replace(/^- /gm, '');
  const sentences = prose.split(/(?<=[.?!:])\s+|\n+/).map((sentence) => sentence.trim()).filter((sentence) => /[a-z]/i.test(sentence));
  const words = (sentence: string) => sentence.split(/\s+/).filter((word) => /[a-z]/i.test(word));
  const all = sentences.flatMap(words);
  return {
    longest: Math.max(...sentences.map((sentence) => words(sentence).length)),
    average: all.length / sentences.length,
    grade: fleschKincaid({ sentence: sentences.length, word: all.length, syllable: all.reduce((sum, word) => sum + syllable(word), 0) }),
  };
}

describe('notices fit to send', async () => {
  const cases = await Promise.all(noticeCases().map(async (input) => ({ input, ...(await eventsOf(input)) })));

  it.each(cases.map((entry) => [entry.input.name, entry] as const))('%s matches its reviewed golden file', (_name, { input, events }) => {
    expect(renderGolden(input, events)).toBe(readFileSync(join(goldensRoot, `${input.name}.md`), 'utf8'));
  });

  it('emits valid CloudEvents, one per release, kind and audience, and none for a release needing no action', () => {
    const all = cases.flatMap((entry) => entry.events);
    for (const event of all) expect(validateEvent(event), JSON.stringify(validateEvent.errors)).toBe(true);
    for (const { events } of cases) expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    const byName = Object.fromEntries(cases.map((entry) => [entry.input.name, entry.events.map((event) => [event.id, event.type])]));
    expect(byName['narrowing']).toEqual([]);
    expect(byName['allai-1.0.1']).toEqual([]);
    expect(byName['pinterest-advertising']).toEqual([['allai@2.0.0/notice/integration:pinterest', 'policy.release.notice.v1']]);
    expect(byName['consent-purpose']).toEqual([['allai@2.0.0/consent/everyone', 'policy.release.consent.v1']]);
    // The event schema takes each change's kind and direction from the change schema: what it refuses, the event refuses.
    const event = all[0]!;
    const withChange = (change: object) => ({ ...event, data: { ...event.data, changes: [{ ...event.data.changes[0], ...change }] } });
    expect(validateEvent(withChange({}))).toBe(true);
    expect(validateEvent(withChange({ kind: 'no-such-kind' }))).toBe(false);
    expect(validateEvent(withChange({ direction: 'sideways' }))).toBe(false);
  });

  it('says what changes, for whom, from when, what users can do, with links to the policy and its changes', () => {
    for (const { events } of cases) {
      for (const event of events) {
        const { text, banner, short, subject } = event.data.messages;
        expect(text).toContain(event.data.links.policy);
        if (event.type === 'policy.release.notice.v1') expect(text).toContain(`See every change: ${event.data.links.changes}`);
        expect(short.length).toBeLessThanOrEqual(160);
        expect(`${subject} ${banner}`).not.toContain('::');
        expect(banner).not.toMatch(/and \d+ more/);
        if (event.type === 'policy.release.notice.v1') expect(text).toMatch(/delete your account/);
        else expect(text).toMatch(/withdraw your consent at any time/);
        if (event.audience.startsWith('integration:')) expect(text).toMatch(/^You get this message because you connected \w+/);
      }
    }
    const recipient = cases.find((entry) => entry.input.name === 'advertising-recipient')!.events[0]!.data.messages;
    expect(recipient.text).toContain('From 15 January 2027, our privacy policy changes.');
    expect(recipient.text).toMatch(/We will share your .* with advertising partners, to /);
    const late = cases.find((entry) => entry.input.name === 'advertising-recipient-late')!.events[0]!.data.messages;
    expect(late.text).toContain('Since 15 January 2027, our privacy policy has changed.');
    expect(late.text).toMatch(/We share your .* with advertising partners/);
    expect(late.subject).toBe('Our privacy policy changed on 15 January 2027');
  });

  it('asks for a first consent plainly, never "again"', () => {
    const consent = cases.filter((entry) => entry.events.some((event) => event.type === 'policy.release.consent.v1'));
    expect(consent.length).toBeGreaterThan(0);
    for (const { events } of consent) {
      for (const event of events.filter((item) => item.type === 'policy.release.consent.v1')) {
        const { subject, text, banner } = event.data.messages;
        expect(subject).toMatch(/^May we /);
        expect(`${subject} ${text} ${banner}`).not.toMatch(/again/i);
        expect(text).toContain('We will only do this if you say yes.');
      }
    }
  });

  it('reads easily: short sentences and a Flesch-Kincaid grade of at most 9', () => {
    for (const { input, events } of cases) {
      for (const event of events) {
        const score = readability(event.data.messages.text);
        expect(score.longest, `${input.name} ${event.id}`).toBeLessThanOrEqual(40);
        expect(score.average, `${input.name} ${event.id}`).toBeLessThanOrEqual(20);
        expect(score.grade, `${input.name} ${event.id}`).toBeLessThanOrEqual(9);
      }
    }
  });

  it('keeps hostile policy text as text in the HTML email', async () => {
    const [document] = await documentsOf('test/fixtures/workspace/policies/allai/versions/1.0.1.md');
    const hostile = structuredClone(document!);
    hostile.declarations.recipients.push({ id: 'evil', label: '<script>alert(1)</script> & <img src=x onerror=alert(2)>', role: 'processor', categories: ['contact'], purposes: [] } as (typeof hostile.declarations.recipients)[number]);
    hostile.meta.controller.name = 'ACME <b>Inc</b>';
    const messages = renderNotice({
      kind: 'notice',
      audience: { scope: 'everyone' },
      changes: [{ kind: 'recipient', change: 'added', path: 'declarations.recipients', subject: 'evil', material: true, direction: 'widens', action: 'notice', bump: 'major', audience: { scope: 'everyone' }, reason: 'new recipient', legalReason: 'Sharing with someone new widens processing.' }],
      document: hostile,
      previous: document,
      links: { policy: 'https://allai.example/p/', changes: 'https://allai.example/p/changes/' },
      today: '2025-01-01',
    });
    expect(messages.html).not.toMatch(/<script|<img|<b>/);
    expect(messages.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;');
    expect(messages.text).toContain('<script>alert(1)</script>');
  });

  it('asks "again" only when the purpose needed consent before', async () => {
    const [before] = await documentsOf('test/fixtures/allai-changes/consent-purpose/policy.md');
    const after = structuredClone(before!);
    const marketing = after.declarations.purposes.find((purpose) => purpose.basis === 'consent')!;
    marketing.categories = [...(marketing.categories as string[]), 'technical'];
    const input = { kind: 'consent' as const, audience: { scope: 'everyone' as const }, document: after, links: { policy: 'https://a.example/p/', changes: 'https://a.example/p/c/' }, today: '2025-01-01' };
    const change = { kind: 'purpose' as const, change: 'changed' as const, path: 'declarations.purposes[].categories', subject: marketing.id, field: 'categories', material: true, direction: 'widens' as const, action: 'reconsent' as const, bump: 'major' as const, purposes: [marketing.id], audience: { scope: 'everyone' as const }, reason: 'more data', legalReason: 'Using more data for a consent purpose needs consent again.' };
    expect(renderNotice({ ...input, changes: [change], previous: before }).subject).toMatch(/^We are asking for your consent again/);
    expect(renderNotice({ ...input, changes: [{ ...change, change: 'added' }], previous: undefined }).subject).toMatch(/^May we /);
  });

  it('fans a release out to one event per kind and segment, each with only its own changes', async () => {
    const [before, after] = await documentsOf('test/fixtures/workspace/policies/allai/versions/1.0.1.md', 'test/fixtures/allai-changes/advertising-recipient/policy.md');
    const base = { material: true, direction: 'widens' as const, bump: 'major' as const, path: 'declarations', legalReason: 'test' };
    const changes = [
      { ...base, kind: 'recipient' as const, change: 'added' as const, subject: 'advertising-partners', action: 'notice' as const, audience: { scope: 'everyone' as const }, reason: 'new recipient' },
      { ...base, kind: 'integration' as const, change: 'changed' as const, subject: 'pinterest', field: 'uses', action: 'notice' as const, audience: { scope: 'integration' as const, integration: 'pinterest' }, reason: 'Pinterest data used for more' },
      { ...base, kind: 'transfer' as const, change: 'added' as const, subject: 'transfer', action: 'reconsent' as const, purposes: ['analytics'], audience: { scope: 'jurisdiction' as const, jurisdiction: 'EEA' }, reason: 'transfer needing consent in the EEA' },
      { ...base, kind: 'recipient' as const, change: 'removed' as const, subject: 'business-transfers', direction: 'narrows' as const, action: 'none' as const, bump: 'minor' as const, audience: { scope: 'everyone' as const }, reason: 'no longer shared' },
    ];
    const release = { type: 'policy.released' as const, id: 'allai@2.0.0', policy: 'allai', title: 'T', from: '1.0.1', to: '2.0.0', released: '2026-12-01', effective: '2027-01-15', class: 'material' as const, bump: 'major' as const, action: 'reconsent' as const, audiences: [], summary: [], changes, bodies: { subject: '', text: '', html: '', banner: '' } };
    const events = releaseEvents({ release, document: after!, previous: before, baseUrl: 'https://allai.example/privacy', today: '2026-12-01' });
    expect(events.map((event) => [event.id, event.type, event.audience, event.data.changes.map((change) => change.subject)])).toEqual([
      ['allai@2.0.0/notice/everyone', 'policy.release.notice.v1', 'everyone', ['advertising-partners', 'business-transfers']],
      ['allai@2.0.0/notice/integration:pinterest', 'policy.release.notice.v1', 'integration:pinterest', ['pinterest']],
      ['allai@2.0.0/consent/jurisdiction:EEA', 'policy.release.consent.v1', 'jurisdiction:EEA', ['transfer']],
    ]);
    expect(events[2]!.data.messages.text).toMatch(/^You get this message because you live in EEA\./);
    expect(events[2]!.data.consentPurposes).toEqual(['analytics']);
    expect(events[0]!.data.messages.text).toMatch(/We will no longer share .* with business transfers\./);
    for (const event of events) expect(validateEvent(event), JSON.stringify(validateEvent.errors)).toBe(true);
  });
});

export type { NoticeEvent };
