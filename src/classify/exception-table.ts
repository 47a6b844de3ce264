/**
 * WordNet's exceptions to the rules of lemmas ("geese" → "goose", "went" → "go") in a form that
 * costs nothing to load. The English model's lemmatizer (wink-eng-lite-web-model's
 * lemmatize.js) reads three tables of them, each a module of some two thousand assignments that
 * took a fifth of `policy diff`'s model load to run, although a text looks up a few hundred
 * words. In the bundle (scripts/build-cli.ts) each of those modules is replaced by
 * `exceptionTable(packed)` of its own table, packed at build time by {@link packExceptionTable}:
 * one string searched in place, for the words a text holds.
 */

/**
 * The table as one string: a line `word<TAB>lemma` per entry, in JavaScript's string order
 * (UTF-16 code units, as `<` compares), each line ending with a newline and the first one
 * preceded by one. Throws on a word or lemma holding a tab or a newline, or an empty word, which
 * the form cannot hold: the build fails rather than packing a table that reads differently.
 */
export function packExceptionTable(table: Readonly<Record<string, string>>): string {
  const words = Object.keys(table).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const word of words) {
    const lemma = table[word];
    if (typeof lemma !== 'string' || word === '' || /[\t\n]/.test(word) || /[\t\n]/.test(lemma)) throw new Error(`the exception table's entry ${JSON.stringify(word)}: ${JSON.stringify(lemma)} cannot be packed`);
  }
  return `\n${words.map((word) => `${word}\t${table[word]}\n`).join('')}`;
}

/**
 * A table packed by {@link packExceptionTable} as lemmatize.js reads the stock one, a plain
 * object without a prototype: `table[word]` is the word's lemma, or undefined for a word it does
 * not list (`constructor` and `__proto__` included, as with an object made by
 * `Object.create(null)`). Each word is found by binary search over the lines, once: the answer
 * is kept for the next time the word is asked.
 */
export function exceptionTable(packed: string): Record<string, string | undefined> {
  const answers = new Map<string, string | undefined>();
  const lookUp = (word: string): string | undefined => {
    if (answers.has(word)) return answers.get(word);
    const lemma = search(packed, word);
    answers.set(word, lemma);
    return lemma;
  };
  return new Proxy(Object.create(null) as Record<string, string | undefined>, {
    get: (_target, key) => (typeof key === 'string' ? lookUp(key) : undefined),
    has: (_target, key) => typeof key === 'string' && lookUp(key) !== undefined,
    set: () => false,
    deleteProperty: () => false,
  });
}

/**
 * The lemma on `word`'s line of `packed`, or undefined. `low` and `high` are newlines: the
 * lines still to search are those starting after a newline at `low` or later, before `high`.
 */
function search(packed: string, word: string): string | undefined {
  let low = 0;
  let high = packed.length - 1;
  while (low < high) {
    const before = packed.lastIndexOf('\n', (low + high) >>> 1);
    const tab = packed.indexOf('\t', before + 1);
    const found = packed.slice(before + 1, tab);
    if (found === word) return packed.slice(tab + 1, packed.indexOf('\n', tab));
    if (found < word) low = packed.indexOf('\n', tab);
    else high = before;
  }
  return undefined;
}
