import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { exceptionTable, packExceptionTable } from '../src/classify/exception-table.ts';
import { decodeCoreModel, deriveCoreModel, encodeCoreModel, englishModel, englishModelBytes, englishReader } from '../src/classify/nlp.ts';
import { reading, shared, stockNlp, texts } from './support/english-readings.ts';

// The classifier reads prose with wink-nlp and its English model, assembled by englishModel()
// with a faster reader of the model's core. These tests hold it to the package's own model:
// the same texts, read by both in the same order, give the same readings.

const load = createRequire(import.meta.url);

// The derived form the bundle carries (build/cli/english-model.bin), from the bytes that
// `npm run build:cli` writes.
let bytes: Uint8Array | undefined;
function derivedModel(): Uint8Array {
  bytes ??= englishModelBytes();
  return bytes;
}
const version = (load('wink-eng-lite-web-model/package.json') as { version: string }).version;

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
  type Feature = { list: string[]; hash: Record<string, number> };
  const coreOf = (model: ReturnType<typeof englishModel>) => (model as unknown as { core(): { features: Record<string, Feature> } }).core();

  it('is stamped with the model version it comes from and finds each word at its position', () => {
    const derived = decodeCoreModel(derivedModel(), version)!;
    expect(derived.modelVersion).toBe(version);
    const core = coreOf(englishModel(derivedModel()));
    const words = file.features.lexeme!.list;
    // Every word: those outside ASCII (’, é, emoji) are kept apart from the others.
    const wide = words.filter((word) => /[^\x00-\x7f]/.test(word));
    expect(wide.length).toBeGreaterThan(100);
    expect(Object.values(derived.wide).sort()).toEqual(wide.sort());
    expect(core.features.lexeme!.list.length).toBe(words.length);
    const last = new Map(words.map((word, position) => [word, position]));
    for (let position = 0; position < words.length; position++) expect(core.features.lexeme!.list[position]).toBe(words[position]);
    for (const [word, position] of last) expect(core.features.lexeme!.hash[word]).toBe(position);
    for (const word of ['Zorblaxian', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', '\uffff', '😀😀']) expect(core.features.lexeme!.hash[word], word).toBe(last.get(word));
    // Read from the file's own memory: the derived form, not the package's JSON.
    expect((core as unknown as { lexicon: Uint32Array }).lexicon.buffer).toBe(derivedModel().buffer);
  });

  it('indexes the prefixes, suffixes and shapes as the package\'s reader does, and the words added to them', () => {
    const core = coreOf(englishModel(derivedModel()));
    const stock = coreOf(englishModel(false));
    const names = Object.keys(file.packing.layout).filter((name) => file.packing.layout[name]![3] === 0);
    expect(names).toEqual(['prefix', 'suffix', 'shape']);
    for (const name of names) {
      const list = file.features[name]!.list;
      expect(list.length).toBeGreaterThan(500);
      for (const word of [...list, 'Zorblax', 'xXxXd', '__proto__', 'constructor', '']) expect(core.features[name]!.hash[word], `${name} ${word}`).toBe(stock.features[name]!.hash[word]);
      // wink-nlp adds a word it has not seen: hash first, then the list.
      core.features[name]!.hash['Zorblax'] = list.length;
      expect(core.features[name]!.hash['Zorblax']).toBe(list.length);
    }
  });

  it('indexes a word listed twice at its last position, as the package\'s own index does', () => {
    const list = ['b', 'a', 'c', 'a', 'é', 'é'];
    const derived = deriveCoreModel({ ...file, features: { ...file.features, lexeme: { list } } }, 'test');
    const core = coreOf(englishModel(derived));
    expect(list.map((word) => core.features.lexeme!.hash[word])).toEqual([0, 3, 2, 3, 5, 5]);
    expect(list.map((_, position) => core.features.lexeme!.list[position])).toEqual(list);
  });

  /** The file with its header changed by `edit`, in the header's room (padded as the file pads it). */
  function withHeader(original: Uint8Array, edit: (header: Record<string, unknown> & { sections: Record<string, [number, number]> }) => void): Uint8Array {
    const copy = original.slice();
    const room = new DataView(copy.buffer).getUint32(0, true);
    const header = JSON.parse(new TextDecoder().decode(copy.subarray(4, 4 + room)));
    edit(header);
    const text = new TextEncoder().encode(JSON.stringify(header));
    expect(text.byteLength).toBeLessThanOrEqual(room);
    copy.fill(0x20, 4, 4 + room);
    copy.set(text, 4);
    return copy;
  }

  it('is not read when it is of another format, model version or byte order, cut short, longer, or inconsistent', () => {
    const good = derivedModel();
    expect(decodeCoreModel(good, version)).toBeDefined();
    // A copy at an offset that is no multiple of 4 is read from an aligned copy.
    const shifted = new Uint8Array(good.byteLength + 4);
    shifted.set(good, 4);
    expect(decodeCoreModel(shifted.subarray(4), version)?.lexicon.length).toBe(decodeCoreModel(good, version)!.lexicon.length);
    const rest = decodeCoreModel(good, version)!;
    const bad: [string, Uint8Array][] = [
      ['another model version', good],
      ['empty', new Uint8Array(0)],
      ['three bytes', good.slice(0, 3)],
      ['the header cut', good.slice(0, 40)],
      ['the last byte cut', good.slice(0, -1)],
      ['half', good.slice(0, good.byteLength >> 1)],
      ['a byte more', (() => { const longer = new Uint8Array(good.byteLength + 1); longer.set(good); return longer; })()],
      ['another format', encodeCoreModel({ ...rest, format: rest.format - 1 })],
      ['the other byte order', withHeader(good, (header) => (header.littleEndian = !header.littleEndian))],
      ['a header that is no JSON', good.map((byte, at) => (at === 4 ? 0x7b + 1 : byte))],
      ['a section past the end', withHeader(good, (header) => (header.sections.sorted![1] += 8))],
      ['a section inside the header', withHeader(good, (header) => (header.sections.rest![0] = 8))],
      ['a section at an odd offset', withHeader(good, (header) => (header.sections.starts![0] += 4))],
      ['a section missing', withHeader(good, (header) => delete header.sections.lexicon)],
      ['starts that do not end at the words\' end', withHeader(good, (header) => (header.sections.words![1] -= 1))],
      ['a header length past the end', (() => { const copy = good.slice(); new DataView(copy.buffer).setUint32(0, copy.byteLength, true); return copy; })()],
    ];
    for (const [name, file] of bad) expect(decodeCoreModel(file, name === 'another model version' ? `${version}-other` : version), name).toBeUndefined();
  });

  it('falls back to the package\'s JSON, reading alike, when the file is damaged', () => {
    const good = derivedModel();
    const restStart = new DataView(good.buffer).getUint32(0, true) + 4;
    const damaged = [
      good.slice(0, -1),
      // The small parts no longer JSON: the structure is whole, the parts are not.
      good.map((byte, at) => (at >= restStart && at < restStart + 64 ? 0x7d : byte)),
    ];
    expect(decodeCoreModel(damaged[1]!, version)).toBeDefined();
    const stock = stockNlp(load('wink-eng-lite-web-model'));
    for (const file of damaged) expect(reading(englishReader(englishModel(file)), texts.at(-1)!)).toEqual(reading(stock, texts.at(-1)!));
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
