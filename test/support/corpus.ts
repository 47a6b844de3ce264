// The labelled corpus of real consecutive policy versions (../shared/corpus/pairs.tsv) and
// the prose classifier's results on it. Shared by test/corpus.test.ts and bench/corpus.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyProse, defaultThreshold, type ProseVerdict } from '../../src/classify/prose.ts';

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
  /** Pairs sent to review (a reason below the threshold), which a person must read. */
  reviews: LabelledPair[];
  /** Leave one service out: the threshold tuned on the other seven, scored on this one. */
  leaveOneOut: ServiceScore[];
}

/** One held-out service's score. */
export interface ServiceScore {
  service: string;
  threshold: number;
  pairs: number;
  material: number;
  nonMaterial: number;
  /** Labelled material, not borderline, judged non-material. */
  missedClear: number;
  /** Labelled material (borderline), judged non-material. */
  missedBorderline: number;
  /** Labelled non-material, judged material. */
  falseAlarms: number;
  /** Sent to review, whatever the label. */
  reviews: number;
  /** Verdict equals label (review counts as not equal). */
  correct: number;
}

/**
 * Thresholds the tuning may choose among. None is at or below 0.5, the confidence of reasons
 * the rules themselves call undecidable (a name swapped for another, a person-shaped name):
 * those always go to review, whatever the tuning.
 */
export const thresholds = [0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9] as const;

/** The verdict a threshold gives from a verdict's reasons (no re-run needed). */
export function verdictAt(verdict: ProseVerdict, threshold: number): ProseVerdict['verdict'] {
  if (verdict.reasons.length === 0) return 'non-material';
  return Math.max(...verdict.reasons.map((reason) => reason.confidence)) >= threshold ? 'material' : 'review';
}

function score(results: Evaluation['results'], threshold: number, service: string): ServiceScore {
  const judged = results.map(({ pair, verdict }) => ({ pair, verdict: verdictAt(verdict, threshold) }));
  return {
    service,
    threshold,
    pairs: judged.length,
    material: judged.filter(({ pair }) => pair.material).length,
    nonMaterial: judged.filter(({ pair }) => !pair.material).length,
    missedClear: judged.filter(({ pair, verdict }) => pair.material && !pair.borderline && verdict === 'non-material').length,
    missedBorderline: judged.filter(({ pair, verdict }) => pair.material && pair.borderline && verdict === 'non-material').length,
    falseAlarms: judged.filter(({ pair, verdict }) => !pair.material && verdict === 'material').length,
    reviews: judged.filter(({ verdict }) => verdict === 'review').length,
    correct: judged.filter(({ pair, verdict }) => (verdict === 'material') === pair.material && verdict !== 'review').length,
  };
}

/** What tuning minimises: a missed clear material change costs most, then a false alarm, then a review. */
function cost(value: ServiceScore): number {
  return value.missedClear * 10 + value.falseAlarms * 3 + value.missedBorderline + value.reviews;
}

/**
 * Leave one service out: for each service, choose the threshold with the least cost on the
 * other seven (ties go to the higher threshold, the one that alarms less), then score the
 * held-out service with it. Nothing else is tuned: the vocabulary comes from published sources.
 */
export function leaveOneServiceOut(results: Evaluation['results']): ServiceScore[] {
  const services = [...new Set(results.map(({ pair }) => pair.service))];
  return services.map((service) => score(results.filter(({ pair }) => pair.service === service), tune(results.filter(({ pair }) => pair.service !== service)), service));
}

/** The threshold with the least cost on some pairs (ties go to the higher threshold, which alarms less). */
export function tune(results: Evaluation['results']): number {
  return [...thresholds].sort((a, b) => cost(score(results, a, '')) - cost(score(results, b, '')) || b - a)[0]!;
}

export function evaluate(): Evaluation {
  const results = corpusPairs().map((pair) => ({ pair, verdict: classifyProse(readFileSync(join(corpusRoot, pair.before), 'utf8'), readFileSync(join(corpusRoot, pair.after), 'utf8')) }));
  const count = (material: boolean, flagged: boolean) => results.filter(({ pair, verdict }) => pair.material === material && verdict.material === flagged).length;
  const confusion = { truePositive: count(true, true), falseNegative: count(true, false), falsePositive: count(false, true), trueNegative: count(false, false) };
  return {
    results,
    confusion,
    missedClear: results.filter(({ pair, verdict }) => pair.material && !pair.borderline && verdict.verdict === 'non-material').map(({ pair }) => pair),
    falseAlarmRate: confusion.falsePositive / (confusion.falsePositive + confusion.trueNegative),
    accuracy: (confusion.truePositive + confusion.trueNegative) / results.length,
    materialRecall: confusion.truePositive / (confusion.truePositive + confusion.falseNegative),
    reviews: results.filter(({ verdict }) => verdict.verdict === 'review').map(({ pair }) => pair),
    leaveOneOut: leaveOneServiceOut(results),
  };
}

export { defaultThreshold };
