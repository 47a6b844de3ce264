import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyProse } from '../src/classify/prose.ts';
import { expectations } from './corpus-reasons.ts';
import { corpusRoot, defaultThreshold, evaluate, tune } from './support/corpus.ts';

// Real consecutive versions of eight services' policies, labelled by hand (not by us).
describe('material-change detection on the labelled corpus', () => {
  const evaluation = evaluate();
  const { confusion } = evaluation;

  it('reports its figures', () => {
    console.log(
      `corpus: ${evaluation.results.length} pairs; accuracy ${(evaluation.accuracy * 100).toFixed(0)}%, material recall ${(evaluation.materialRecall * 100).toFixed(0)}%, false alarms ${(evaluation.falseAlarmRate * 100).toFixed(0)}% ` +
        `(TP ${confusion.truePositive}, FN ${confusion.falseNegative}, FP ${confusion.falsePositive}, TN ${confusion.trueNegative}), reviews ${evaluation.reviews.length}`,
    );
    expect(evaluation.results).toHaveLength(40);
  });

  it('misses no material pair that is not borderline, leaving each service out in turn', () => {
    expect(evaluation.leaveOneOut.filter((service) => service.missedClear > 0)).toEqual([]);
    expect(evaluation.missedClear.map((pair) => `${pair.service} ${pair.after}: ${pair.note}`)).toEqual([]);
  });

  it('flags at most one non-material pair in ten, leaving each service out in turn', () => {
    const alarms = evaluation.leaveOneOut.reduce((sum, service) => sum + service.falseAlarms, 0);
    const nonMaterial = evaluation.leaveOneOut.reduce((sum, service) => sum + service.nonMaterial, 0);
    expect(alarms / nonMaterial).toBeLessThanOrEqual(0.1);
    expect(evaluation.falseAlarmRate).toBeLessThanOrEqual(0.1);
  });

  it.each(Object.entries(expectations))('judges %s with the right reasons', (after, expected) => {
    const result = evaluation.results.find(({ pair }) => pair.after === after);
    expect(result, after).toBeDefined();
    const { verdict } = result!;
    const summary = JSON.stringify(verdict.reasons.map((reason) => [reason.kind, reason.change, reason.term]));
    expect(verdict.verdict, summary).toBe(expected.verdict);
    for (const reason of expected.reasons) {
      expect(
        verdict.reasons.some((found) => found.kind === reason.kind && found.change === reason.change && found.term.toLowerCase().includes(reason.term.toLowerCase())),
        `${after}: expected ${JSON.stringify(reason)} among ${summary}`,
      ).toBe(true);
    }
    if (expected.verdict === 'non-material') {
      expect(verdict.reasons).toEqual([]);
      expect(verdict.nonMaterial.length).toBeGreaterThan(0);
    }
    // Every reason quotes its sentence and says why in words.
    for (const reason of verdict.reasons) {
      expect(reason.sentence.length).toBeGreaterThan(0);
      expect(reason.why.length).toBeGreaterThan(20);
      expect(reason.fact.length, 'the fact the sentence states').toBeGreaterThan(3);
    }
  });

  it('uses by default the threshold that tuning on all eight services chooses', () => {
    expect(tune(evaluation.results)).toBe(defaultThreshold);
  });

  it('has an expectation for every labelled pair', () => {
    expect(evaluation.results.map(({ pair }) => pair.after).sort()).toEqual(Object.keys(expectations).sort());
  });

  it('never names a date, a month, a sentence-initial word or a person as a recipient', () => {
    const recipients = evaluation.results.flatMap(({ verdict }) => verdict.reasons.filter((reason) => reason.kind === 'recipient').map((reason) => reason.term));
    for (const term of recipients) expect(term).not.toMatch(/^(Effective|Last|Jan|January|June|According|IDs|Privacy Policy|Privacy Notice)\b/);
  });

  it('is deterministic', () => {
    // Every fifth pair again, compared in full: re-running all forty would double the file's time.
    const sample = evaluation.results.filter((_, index) => index % 5 === 0);
    for (const { pair, verdict } of sample) {
      expect(classifyProse(readFileSync(join(corpusRoot, pair.before), 'utf8'), readFileSync(join(corpusRoot, pair.after), 'utf8')), `${pair.service} ${pair.after}`).toEqual(verdict);
    }
  });
});
