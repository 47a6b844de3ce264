import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { exceptionTable, packExceptionTable } from '../src/classify/exception-table.ts';
import { deriveCoreModel, englishModel, englishModelJson, englishReader, type DerivedCoreModel } from '../src/classify/nlp.ts';
import { reading, shared, stockNlp, texts } from './support/english-readings.ts';

// The classifier reads prose with wink-nlp and its English model, assembled by englishModel()
// with a faster reader of the model's core. These tests hold it to the package's own model:
// the same texts, read by both in the same order, give the same readings.

const load = createRequire(import.meta.url);

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

// The bundle replaces the lemmatizer's three WordNet exception modules with packed tables
// (scripts/build-cli.ts, src/classify/exception-table.ts); lemmatize.js stays the package's.
describe('the WordNet exception tables packed for the bundle', () => {
  const kinds = [['adjective', 'ADJ'], ['noun', 'NOUN'], ['verb', 'VERB']] as const;
  const stockTables = kinds.map(([kind]) => load(`wink-eng-lite-web-model/dist/wn-${kind}-exceptions.js`) as Record<string, string>);
  // Words each table does not list, next to those it does, and the names an object's prototype holds.
  const textWords = [...new Set(texts.join(' ').toLowerCase().split(/[^\p{L}']+/u))];
  const neighbours = (table: Record<string, string>) => Object.keys(table).flatMap((word) => [`${word}s`, word.slice(0, -1), `${word}\uffff`, word.toUpperCase()]);
  const prototypeNames = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__', 'length', 'prototype', '', 'a', 'zzzzz', '\u0000', '\uffff'];

  it('reads every word of each table as the stock object does, and every other word as absent', () => {
    for (const stock of stockTables) {
      const words = Object.keys(stock);
      expect(words.length).toBeGreaterThan(1400);
      const packed = exceptionTable(packExceptionTable(stock));
      for (const word of words) expect(packed[word], word).toBe(stock[word]);
      const others = [...prototypeNames, ...textWords, ...neighbours(stock)];
      for (const word of others) {
        expect(packed[word], word).toBe(stock[word]);
        expect(word in packed, word).toBe(word in stock);
      }
      expect(others.filter((word) => stock[word] === undefined).length).toBeGreaterThan(words.length);
      // Asked twice (the answer is kept), the same.
      for (const word of [...words.slice(0, 50), ...prototypeNames]) expect(packed[word]).toBe(stock[word]);
    }
  });

  it('finds the first, the last and every word of a small table, and nothing between them', () => {
    const table = Object.assign(Object.create(null) as Record<string, string>, { b: 'B', d: 'D', f: 'F' });
    const packed = exceptionTable(packExceptionTable(table));
    expect(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'bb', ''].map((word) => packed[word])).toEqual([undefined, 'B', undefined, 'D', undefined, 'F', undefined, undefined, undefined]);
    expect(exceptionTable(packExceptionTable({}))['a']).toBeUndefined();
  });

  it('refuses to pack a word or lemma it could not read back', () => {
    expect(() => packExceptionTable({ 'a\tb': 'a' })).toThrow(/cannot be packed/);
    expect(() => packExceptionTable({ a: 'b\nc' })).toThrow(/cannot be packed/);
    expect(() => packExceptionTable({ '': 'a' })).toThrow(/cannot be packed/);
  });

});
