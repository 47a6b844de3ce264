import { describe, expect, it } from 'vitest';
import type { Declarations } from '../src/model/policy.generated.ts';
import { recordColumns, recordOfProcessing } from '../src/labels/record.ts';
import { dataFlow } from '../src/site/data-flow.ts';
import { documentsOf } from './support/documents.ts';

describe('data-flow picture', async () => {
  const [allai] = await documentsOf('test/fixtures/workspace/policies/allai/versions/1.0.1.md');
  const d = allai!.declarations;

  it('answers "who gets my payment data, and why?" in words, from the declarations', () => {
    const payment = dataFlow(d).flows.find((flow) => flow.id === 'payment')!;
    expect(payment.purposes).toContain('Process payments, manage subscriptions and handle billing');
    expect(payment.purposes).not.toContain('Generate AI content based on your prompts and uploads');
    expect(payment.recipients).toEqual(['Service providers', 'Legal authorities', 'Safety and rights protection', 'Business transfers']);
  });

  it('is an SVG image with a title, every box labelled, and no script', () => {
    const { svg } = dataFlow(d);
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="flow-title"/);
    expect(svg).toContain('<title id="flow-title">');
    for (const item of [...d.categories, ...d.purposes, ...d.recipients]) expect(svg).toContain(`>${item.label.split(' ')[0]}`);
    expect(svg).toContain('Sent abroad: countries not named');
    expect(svg).not.toMatch(/<script|\son\w+=/i);
  });

  it('draws "all" once from a bracket, and a line for each named reference', () => {
    const named: Declarations = {
      ...d,
      purposes: [
        { id: 'billing', label: 'Billing', basis: 'contract', categories: ['payment', 'contact'] },
        { id: 'support', label: 'Support', basis: 'contract', categories: ['contact'] },
      ],
      recipients: [{ id: 'bank', label: 'Bank', role: 'processor', categories: ['payment'], purposes: ['billing'] }],
      transfers: [],
    };
    const paths = (svg: string) => (svg.match(/<path /g) ?? []).length;
    // 3 category→purpose lines and 1 purpose→recipient line; no bracket.
    expect(paths(dataFlow(named).svg)).toBe(4);
    expect(dataFlow(named).flows.find((flow) => flow.id === 'technical')).toEqual({ id: 'technical', label: d.categories.find((c) => c.id === 'technical')!.label, purposes: [], recipients: [] });
    // ALLAI: every purpose uses all categories but one, every recipient gets all purposes.
    const brackets = (dataFlow(d).svg.match(/class="bracket"/g) ?? []).length;
    expect(brackets).toBe(3);
  });

  it('draws a line to a recipient only from a purpose it receives some data for, as the words and the record say', () => {
    // The bank is declared with payment data and the support purpose, but support does not use
    // payment data: the bank receives nothing for support.
    const crossed: Declarations = {
      ...d,
      categories: d.categories.filter((category) => category.id === 'payment' || category.id === 'contact'),
      purposes: [
        { id: 'billing', label: 'Billing', basis: 'contract', categories: ['payment'] },
        { id: 'support', label: 'Support', basis: 'contract', categories: ['contact'] },
      ],
      recipients: [{ id: 'bank', label: 'Bank', role: 'processor', categories: ['payment'], purposes: ['billing', 'support'] }],
      transfers: [],
    };
    const { svg, flows } = dataFlow(crossed);
    // 2 category→purpose lines, 1 billing→bank line: none from support, and no bracket.
    expect((svg.match(/<path /g) ?? []).length).toBe(3);
    expect(Object.fromEntries(flows.map((flow) => [flow.id, flow.recipients]))).toEqual({ contact: [], payment: ['Bank'] });
    const rows = recordOfProcessing({ meta: allai!.meta, declarations: crossed });
    const recipientsColumn = recordColumns.findIndex(([name]) => name === 'Recipients');
    expect(rows.map((row) => [row[0], row[recipientsColumn]])).toEqual([['billing', 'Bank (processor)'], ['support', 'not stated in the policy']]);
  });

  it('keeps hostile labels as text', () => {
    const hostile: Declarations = { ...d, categories: [{ id: 'x', label: '<script>alert(1)</script> & "more"', source: 'unstated' }], purposes: [{ id: 'p', label: '<img src=x onerror=alert(1)>', basis: 'unstated', categories: 'all' }] };
    const { svg } = dataFlow(hostile);
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;script&gt;');
  });
});
