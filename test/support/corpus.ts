// The labelled corpus of real consecutive policy versions (../shared/corpus/pairs.tsv) and
// the prose classifier's results on it. Shared by test/corpus.test.ts and bench/corpus.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyProse, type ProseVerdict } from '../../src/classify/prose.ts';

export const corpusRoot = '../shared/corpus';

export interface LabelledPair {
  service: string;
  before: string;
  after: string;
  material: boolean;
  borderline: boolean;
  direction: string;
  categories: string[];
  note: string;
}

export function corpusPairs(): LabelledPair[] {
  return readFileSync(join(corpusRoot, 'pairs.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [service, before, after, label, borderline, direction, categories, note] = line.split('\t');
      return { service: service!, before: before!, after: after!, material: label === 'material', borderline: borderline === 'yes', direction: direction!, categories: categories!.split(';'), note: note! };
    });
}

export interface Evaluation {
  results: { pair: LabelledPair; verdict: ProseVerdict }[];
  confusion: { truePositive: number; falseNegative: number; falsePositive: number; trueNegative: number };
  /** Material pairs, not borderline, that the classifier missed: the target is none. */
  missedClear: LabelledPair[];
  /** Share of non-material pairs flagged material: the target is at most 0.1. */
  falseAlarmRate: number;
  accuracy: number;
  materialRecall: number;
}

export function evaluate(): Evaluation {
  const results = corpusPairs().map((pair) => ({ pair, verdict: classifyProse(readFileSync(join(corpusRoot, pair.before), 'utf8'), readFileSync(join(corpusRoot, pair.after), 'utf8')) }));
  const count = (material: boolean, flagged: boolean) => results.filter(({ pair, verdict }) => pair.material === material && verdict.material === flagged).length;
  const confusion = { truePositive: count(true, true), falseNegative: count(true, false), falsePositive: count(false, true), trueNegative: count(false, false) };
  return {
    results,
    confusion,
    missedClear: results.filter(({ pair, verdict }) => pair.material && !pair.borderline && !verdict.material).map(({ pair }) => pair),
    falseAlarmRate: confusion.falsePositive / (confusion.falsePositive + confusion.trueNegative),
    accuracy: (confusion.truePositive + confusion.trueNegative) / results.length,
    materialRecall: confusion.truePositive / (confusion.truePositive + confusion.falseNegative),
  };
}
