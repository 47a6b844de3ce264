import { describe, expect, it } from 'vitest';
import { durationDays, humanDuration, isIsoDuration } from '../src/model/duration.ts';
import { periodsIn } from '../src/classify/facts.ts';

describe('durations as policies write them', () => {
  it('accepts ISO 8601 durations in upper case with whole numbers, and nothing else', () => {
    for (const text of ['P30D', 'P6M', 'P1Y6M', 'PT12H', 'P2W', 'P1Y2M3DT4H5M6S']) expect(isIsoDuration(text), text).toBe(true);
    for (const text of ['P', 'PT', '30D', 'p30d', '-P1D', 'PT0.5H', 'P1D2Y', 'P1DT', '', 'P 1D']) expect(isIsoDuration(text), text).toBe(false);
  });

  it('ranks periods by their length whatever unit they are written in', () => {
    expect(durationDays('P1Y')).toBeCloseTo(durationDays('P12M'), 0);
    expect(durationDays('P2M')).toBeGreaterThan(durationDays('P60D'));
    expect(durationDays('P4W')).toBeLessThan(durationDays('P1M'));
    expect(durationDays('PT36H')).toBeCloseTo(1.5);
    expect(durationDays('soon')).toBeNaN();
  });

  it('says a period in words, and leaves what is not one as written', () => {
    expect(humanDuration('P30D')).toBe('30 days');
    expect(humanDuration('P1M')).toBe('1 month');
    expect(humanDuration('P1Y6M')).toBe('1 year, 6 months');
    expect(humanDuration('PT12H')).toBe('12 hours');
    expect(humanDuration('unstated')).toBe('unstated');
  });
});

describe('periods written in prose', () => {
  it('are read by one function, in any case, with the same day lengths as ISO durations', () => {
    expect(periodsIn('We keep logs for Two years, then 18 Months; backups for thirty-day cycles.').map(({ text, days, label }) => [text, Math.round(days * 10) / 10, label])).toEqual([
      ['Two years', 730.5, '2 years'],
      ['18 Months', 547.9, '18 months'],
      ['thirty-day', 30, '30 days'],
    ]);
    expect(periodsIn('for several years')).toEqual([]);
    // A year in prose is as long as P1Y.
    expect(periodsIn('one year')[0]!.days).toBe(durationDays('P1Y'));
    expect(periodsIn('1 hour')[0]!.days).toBe(durationDays('PT1H'));
  });
});
