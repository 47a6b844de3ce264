import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { packedLemmaExceptions } from '../scripts/build-cli.ts';
import { englishModel, englishReader } from '../src/classify/nlp.ts';
import { reading, stockNlp, texts } from './support/english-readings.ts';

// The bundle replaces the lemmatizer's three WordNet exception modules with packed tables
// (packedLemmaExceptions in scripts/build-cli.ts, src/classify/exception-table.ts), and keeps
// lemmatize.js as the package has it. Here lemmatize.js is bundled as `npm run build:cli` does
// and held to the stock one. (Integration: esbuild runs as a process of its own.)

const load = createRequire(import.meta.url);
const kinds = [['adjective', 'ADJ'], ['noun', 'NOUN'], ['verb', 'VERB']] as const;
const stockTables = kinds.map(([kind]) => load(`wink-eng-lite-web-model/dist/wn-${kind}-exceptions.js`) as Record<string, string>);
type Lemmatize = (value: string, pos: string, cache: unknown) => string;

/** wink-eng-lite-web-model's lemmatize.js as the bundle holds it: with the packed tables. */
async function bundledLemmatize(): Promise<{ code: string; lemmatize: Lemmatize }> {
  const root = resolve('.');
  const result = await esbuild.build({
    stdin: { contents: "module.exports = require('wink-eng-lite-web-model/dist/lemmatize.js');", resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    write: false,
    logLevel: 'silent',
    plugins: [packedLemmaExceptions(root)],
  });
  const code = result.outputFiles[0]!.text;
  const module = { exports: {} as unknown };
  new Function('module', 'exports', 'require', code)(module, module.exports, load);
  return { code, lemmatize: module.exports as Lemmatize };
}

describe('the lemmatizer as the bundle holds it', () => {
  it('gives the same lemmas as with the stock tables, for every exception and for words that hit none', async () => {
    const { code, lemmatize } = await bundledLemmatize();
    // The stock modules are not in it: their tables are, packed.
    expect(code).not.toMatch(/aardwolf="aardwolf"/);
    expect(code.match(/\.exceptionTable\(/g)).toHaveLength(3);
    const stockLemmatize = load('wink-eng-lite-web-model/dist/lemmatize.js') as Lemmatize;
    // A stand-in for wink-nlp's cache: whether a candidate lemma has the part of speech, decided by its letters.
    const cache = { hasSamePOS: (word: string, pos: string) => (word.length + pos.length) % 3 !== 0 };
    const textWords = [...new Set(texts.join(' ').toLowerCase().split(/[^\p{L}']+/u))];
    const others = [...textWords, 'constructor', '__proto__', 'toString', 'hasOwnProperty', '', 'knives', 'boxes', 'happier', 'studies', 'running'];
    for (const [index, [, pos]] of kinds.entries()) {
      const table = stockTables[index]!;
      expect(Object.keys(table).length).toBeGreaterThan(1400);
      // Each exception gives the table's lemma, as with the stock table.
      for (const word of Object.keys(table)) expect([lemmatize(word, pos, cache), stockLemmatize(word, pos, cache)], `${word} ${pos}`).toEqual([table[word], table[word]]);
      for (const word of others) expect(lemmatize(word, pos, cache), `${word} ${pos}`).toBe(stockLemmatize(word, pos, cache));
      // Another part of speech reads no table.
      expect(lemmatize('geese', 'ADV', cache)).toBe('geese');
    }
    expect(lemmatize('geese', 'NOUN', cache)).toBe('goose');
    // And the model reads every text alike with it.
    const stock = stockNlp(load('wink-eng-lite-web-model'));
    const model = englishModel(false) as unknown as { addons: Record<string, unknown> };
    model.addons.lemmatize = lemmatize;
    const ours = englishReader(model as unknown as ReturnType<typeof englishModel>);
    for (const text of texts) expect(reading(ours, text)).toEqual(reading(stock, text));
  });
});
