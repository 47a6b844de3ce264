import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyProse } from '../src/classify/prose.ts';
import { corpusRoot, evaluate } from './support/corpus.ts';

// Real consecutive versions of eight services' policies, labelled by hand (not by us).
describe('material-change detection on the labelled corpus', () => {
  const evaluation = evaluate();
  const { confusion } = evaluation;

  it('reports its figures', () => {
    console.log(
      `corpus: ${evaluation.results.length} pairs; accuracy ${(evaluation.accuracy * 100).toFixed(0)}%, material recall ${(evaluation.materialRecall * 100).toFixed(0)}%, false alarms ${(evaluation.falseAlarmRate * 100).toFixed(0)}% ` +
        `(TP ${confusion.truePositive}, FN ${confusion.falseNegative}, FP ${confusion.falsePositive}, TN ${confusion.trueNegative})`,
    );
    expect(evaluation.results).toHaveLength(40);
  });

  it('misses no material pair that is not borderline', () => {
    expect(evaluation.missedClear.map((pair) => `${pair.service} ${pair.after}: ${pair.note}`)).toEqual([]);
  });

  it('flags at most one non-material pair in ten', () => {
    expect(evaluation.falseAlarmRate).toBeLessThanOrEqual(0.1);
  });

  it('explains every material verdict with the sentence and what it touches, and every other verdict with its kinds of edit', () => {
    for (const { verdict } of evaluation.results) {
      if (verdict.material) {
        expect(verdict.reasons.length).toBeGreaterThan(0);
        for (const reason of verdict.reasons) expect(reason.sentence.length).toBeGreaterThan(0);
      } else {
        expect(verdict.nonMaterial.length).toBeGreaterThan(0);
      }
    }
  });

  it('is deterministic', () => {
    // Every fifth pair again, compared in full: re-running all forty would double the file's time.
    const sample = evaluation.results.filter((_, index) => index % 5 === 0);
    for (const { pair, verdict } of sample) {
      expect(classifyProse(readFileSync(join(corpusRoot, pair.before), 'utf8'), readFileSync(join(corpusRoot, pair.after), 'utf8')), `${pair.service} ${pair.after}`).toEqual(verdict);
    }
  });
});
