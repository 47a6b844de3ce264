import { describe, expect, it } from 'vitest';
import { retentionSvg, timelineSvg } from '../src/site/pictures.ts';

describe('timeline of versions', () => {
  const versions = [
    { version: '2.0.0', effective: '2027-01-15', material: true, first: false, current: false },
    { version: '1.0.1', effective: '2026-11-27', material: false, first: false, current: true },
    { version: '1.0.0', effective: '2025-06-04', material: false, first: true, current: false },
  ];
  const svg = timelineSvg(versions);

  it('places versions oldest first by effective date and marks material changes', () => {
    const labels = [...svg.matchAll(/<text [^>]*>([^<]+)<\/text>/g)].map((match) => match[1]);
    expect(labels).toEqual(['1.0.0 · 2025-06-04 · first version', '1.0.1 · 2026-11-27 · wording only (in force)', '2.0.0 · 2027-01-15 · material change']);
    expect(svg.match(/class="material"/g)).toHaveLength(2);
    expect(svg.match(/class="wording"/g)).toHaveLength(1);
    const xs = [...svg.matchAll(/<path class="material" d="M([\d.]+) /g)].map((match) => Number(match[1]));
    expect(xs[0]).toBeLessThan(xs[1]!);
  });

  it('has a title saying the same in words', () => {
    expect(svg).toContain('<title id="timeline-title">Timeline of versions by effective date: 1.0.0 on 2025-06-04; 1.0.1 on 2026-11-27; 2.0.0 on 2027-01-15, a material change</title>');
  });
});

describe('retention chart', () => {
  it('draws a bar per stated period on one scale, and says when none is stated', () => {
    const svg = retentionSvg([
      { label: 'Email address', period: 'P30D', from: 'after account deletion' },
      { label: 'Invoices', period: 'P10Y', from: 'after collection' },
      { label: 'Logs', from: '' },
    ])!;
    const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((match) => Number(match[1]));
    expect(widths).toHaveLength(2);
    expect(widths[1]! / widths[0]!).toBeGreaterThan(50);
    expect(svg).toContain('30 days after account deletion');
    expect(svg).toContain('10 years after collection');
    expect(svg).toContain('>no period stated</text>');
    expect(svg).toContain('Logs: no period stated');
  });

  it('draws nothing when no period is stated, and keeps labels as text', () => {
    expect(retentionSvg([{ label: 'All data', from: '' }])).toBeUndefined();
    expect(retentionSvg([{ label: '<script>x</script>', period: 'P1Y', from: 'after collection' }])).not.toContain('<script>');
  });
});
