// What the tests of the English model (test/nlp-model*.test.ts) read: texts, and every reading
// of them the model gives, to compare one way of assembling the model with the package's own.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { WinkMethods } from 'wink-nlp';
import { sharedTexts } from './shared-data.ts';

const load = createRequire(import.meta.url);

/** wink-nlp as the package gives it, with every part of a model it is given. */
export const stockNlp = load('wink-nlp') as (model: unknown) => WinkMethods;

/** Everything the classifier reads from a document, and more: tokens with each property, sentences, entities. */
export function reading(engine: WinkMethods, text: string) {
  const its = engine.its as unknown as Record<string, Parameters<ReturnType<WinkMethods['readDoc']>['out']>[0]>;
  const doc = engine.readDoc(text);
  const tokens = Object.fromEntries(['value', 'normal', 'lemma', 'stem', 'pos', 'negationFlag', 'precedingSpaces', 'shape', 'prefix', 'suffix', 'case', 'type', 'stopWordFlag', 'abbrevFlag', 'contractionFlag'].map((name) => [name, doc.tokens().out(its[name]!)]));
  return {
    tokens,
    sentences: doc.sentences().out(),
    sentenceSpans: doc.sentences().out(its.span!),
    entities: doc.entities().out(its.detail!),
    entitySpans: doc.entities().out(its.span!),
  };
}

// The texts of ../shared when it is there (see support/shared-data.ts): a 112 KB policy and
// one policy version of each service of the labelled corpus.
const corpus = '../shared/corpus';
const pairs = sharedTexts([join(corpus, 'pairs.tsv')]);
const afterFiles = pairs ? [...new Map(pairs[0]!.trim().split('\n').slice(1).map((line) => { const [service, , after] = line.split('\t') as [string, string, string]; return [service, join(corpus, after)] as const; })).values()] : [];
export const shared = pairs ? sharedTexts(['../shared/bench-texts/google_v3.md', ...afterFiles]) : undefined;
export const texts = [
  ...(shared ?? []),
  // Words no lexicon holds, words that name an object's own properties, numbers, marks and scripts.
  'We do not share __proto__, constructor, toString or hasOwnProperty data with Qxzzyvendor GmbH for 18 months. Dr. J. Doe‘s e-mail: jane.doe@example.com; call +1 (555) 010-2030. Wir teilen keine Daten. 数据 🙂 ½ 3.5% $12.00 on 2025-06-01.',
  'Your data is not sold. We keep logs for six months, then delete them. You may opt out at any time; we do not track you across sites.',
];
