import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WinkMethods } from 'wink-nlp';
import { deriveCoreModel, englishModel, englishModelJson, englishReader, type DerivedCoreModel } from '../src/classify/nlp.ts';
import { sharedTexts } from './support/shared-data.ts';

// The classifier reads prose with wink-nlp and its English model, assembled by englishModel()
// with a faster reader of the model's core. These tests hold it to the package's own model:
// the same texts, read by both in the same order, give the same readings.

const load = createRequire(import.meta.url);
const stockNlp = load('wink-nlp') as (model: unknown) => WinkMethods;

/** Everything the classifier reads from a document, and more: tokens with each property, sentences, entities. */
function reading(engine: WinkMethods, text: string) {
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
const shared = pairs ? sharedTexts(['../shared/bench-texts/google_v3.md', ...afterFiles]) : undefined;
const texts = [
  ...(shared ?? []),
  // Words no lexicon holds, words that name an object's own properties, numbers, marks and scripts.
  'We do not share __proto__, constructor, toString or hasOwnProperty data with Qxzzyvendor GmbH for 18 months. Dr. J. Doe‘s e-mail: jane.doe@example.com; call +1 (555) 010-2030. Wir teilen keine Daten. 数据 🙂 ½ 3.5% $12.00 on 2025-06-01.',
  'Your data is not sold. We keep logs for six months, then delete them. You may opt out at any time; we do not track you across sites.',
];

// The derived form the bundle carries (build/cli/english-model.json), from the text that
// `npm run build:cli` writes.
function derivedModel(): DerivedCoreModel {
  const text = englishModelJson();
  expect(text).toMatch(/^[\x00-\x7f]*$/);
  return JSON.parse(text) as DerivedCoreModel;
}

describe.each([
  ['from the package\'s JSON', () => englishModel(false), stockNlp],
  ['from its derived form', () => englishModel(derivedModel()), stockNlp],
  // What the classifier runs (readSentences): the pipeline without sentiment.
  ['from its derived form, without sentiment (englishReader)', () => englishModel(derivedModel()), (model: unknown) => englishReader(model as ReturnType<typeof englishModel>)],
])('the English model as englishModel() assembles it %s', (_name, englishModel, winkNlp) => {
  it('reads every text exactly as the package\'s own model does', () => {
    const stock = stockNlp(load('wink-eng-lite-web-model'));
    const ours = winkNlp(englishModel());
    if (shared) expect(shared.length).toBe(9);
    for (const text of texts) {
      const expected = reading(stock, text);
      expect(expected.tokens.value!.length).toBeGreaterThan(10);
      expect(reading(ours, text)).toEqual(expected);
    }
    // The words first seen in those texts were added alike: a second reading agrees too.
    expect(reading(ours, texts.at(-1)!)).toEqual(reading(stock, texts.at(-1)!));
  });

  it('gives each model its own word lists, so one reading never changes another model', () => {
    const first = englishModel();
    const engine = winkNlp(first);
    engine.readDoc('Zorblaxian quuxified the flimflammery.');
    const second = winkNlp(englishModel());
    const fresh = stockNlp(load('wink-eng-lite-web-model'));
    expect(reading(second, 'Zorblaxian quuxified the flimflammery.')).toEqual(reading(fresh, 'Zorblaxian quuxified the flimflammery.'));
  });
});

describe('the derived form of the model', () => {
  const folder = load.resolve('wink-eng-lite-web-model').replace(/[^/\\]+$/, '');
  const file = load(`${folder}languages/cur/models/eng-core-web-model.json`) as Parameters<typeof deriveCoreModel>[0];

  it('is stamped with the model version it comes from and finds each word at its position', () => {
    const derived = derivedModel();
    expect(derived.modelVersion).toBe((load('wink-eng-lite-web-model/package.json') as { version: string }).version);
    const core = (englishModel(derived) as unknown as { core(): { features: { lexeme: { list: string[]; hash: Record<string, number> } } } }).core();
    const words = file.features.lexeme!.list;
    expect(core.features.lexeme.list.length).toBe(words.length);
    for (let position = 0; position < words.length; position += 97) {
      expect(core.features.lexeme.list[position]).toBe(words[position]);
      expect(core.features.lexeme.hash[words[position]!]).toBe(position);
    }
    expect(core.features.lexeme.hash['Zorblaxian']).toBeUndefined();
    expect(core.features.lexeme.hash['__proto__']).toBeUndefined();
  });

  it('indexes a word listed twice at its last position, as the package\'s own index does', () => {
    const list = ['b', 'a', 'c', 'a'];
    const derived = deriveCoreModel({ ...file, features: { ...file.features, lexeme: { list } } }, 'test');
    const core = (englishModel(derived) as unknown as { core(): { features: { lexeme: { list: string[]; hash: Record<string, number> } } } }).core();
    expect(list.map((word) => core.features.lexeme.hash[word])).toEqual([0, 3, 2, 3]);
  });
});
