import { createRequire } from 'node:module';
import type { WinkMethods } from 'wink-nlp';
import type modelType from 'wink-eng-lite-web-model';

/**
 * The language pipeline: wink-nlp with its English "lite" model (shipped inside the npm
 * package: no download, no network) for sentence boundaries, part of speech, lemmas,
 * negation and entities (DATE, DURATION, CARDINAL, PERCENT, MONEY, EMAIL, URL).
 * Both are deterministic: the same text always reads the same.
 */

/** One word or mark of a sentence as the model read it. */
export interface Token {
  text: string;
  /** Lower-case lemma ("deleted" → "delete", "months" → "month"). */
  lemma: string;
  /** Universal part of speech: NOUN, PROPN, VERB, AUX, ADP, NUM, PUNCT, ... */
  pos: string;
  /** Inside the scope of a negation ("does not *share*"). */
  negated: boolean;
}

/** A typed entity: DATE, DURATION, CARDINAL, PERCENT, MONEY, EMAIL, URL, ... with its token span. */
export interface Entity {
  type: string;
  value: string;
  first: number;
  last: number;
}

/** A sentence as the model read it. */
export interface ReadSentence {
  text: string;
  tokens: Token[];
  entities: Entity[];
}

// The libraries load on first use, not at import: a command that reads no changed prose
// (most of `policy check`) never pays for parsing the model's 4 MB.
const load = createRequire(import.meta.url);
let wink: WinkMethods | undefined;

/** Loading the model takes a hundred milliseconds or more: once, on first use. */
function reader(): WinkMethods {
  wink ??= englishReader();
  return wink;
}

/**
 * wink-nlp with `model` (default: {@link englishModel}) for what the classifier reads: sentences,
 * negation, entities, tags and lemmas. Not sentiment, whose 400 KB model is then never loaded
 * (wink-nlp loads every part of a model it is given), nor custom entities, which the classifier
 * defines none of. Every token, sentence and entity reads as with the whole pipeline
 * (test/nlp-model.test.ts). Exported for that test.
 */
export function englishReader(model: typeof modelType = englishModel()): WinkMethods {
  const withoutSentiment = Object.assign(Object.create(null) as Record<string, unknown>, model, { sa: () => ({ machines: [emptyMachine], setter: () => undefined }) });
  return (load('wink-nlp') as (model: unknown, pipe: string[]) => WinkMethods)(withoutSentiment, ['sbd', 'negation', 'ner', 'pos']);
}

/** A state machine that recognises nothing, as wink-nlp's own emptyModelJSON() writes it. */
const emptyMachine = '[100,0,{"0":{}},{},{},{}]';

/** The core part of the model as its JSON file holds it. */
interface CoreModelFile {
  lexicon: string;
  xpansions: string;
  features: Record<string, { list: string[] }>;
  packing: { layout: Record<string, number[]> };
  pos: { hash: Record<string, number> };
  [part: string]: unknown;
}

/**
 * The model's core in a form that loads in a few milliseconds, derived from the package's JSON
 * by {@link deriveCoreModel} ahead of use (`npm run build:cli` writes it beside the bundle as
 * english-model.json). The 88,000 words of the lexeme list are one string with where each starts,
 * and a sorted order of them stands in for the word index, which the stock reader builds at
 * every start: a word is found by binary search, only for the words a text holds.
 */
export interface DerivedCoreModel {
  /** Bumped when this form changes: another format is not read. */
  format: number;
  /** The version of wink-eng-lite-web-model it was derived from: another version's is not read. */
  modelVersion: string;
  /** The small parts (header, packing, tokenizer, tags, and every feature but the lexemes) as JSON. */
  rest: string;
  /** The packed lexicon and contraction expansions, base64, as the package holds them. */
  lexicon: string;
  xpansions: string;
  /** The lexeme list's words, one after the other, and where each starts (base64 of 32-bit numbers, one more than the words: the end). */
  words: string;
  starts: string;
  /** The lexeme positions in the order of their words (base64 of 32-bit numbers). */
  sorted: string;
}

const derivedFormat = 2;

/**
 * wink-eng-lite-web-model, assembled from the package's own parts as its model.js does, with
 * the core part read faster: from the derived form when one for this model version is beside
 * the module (the bundle; see {@link deriveCoreModel}), else from the package's JSON (see
 * {@link readCoreModel}). At `policy diff`'s start-up the stock reader took most of the time
 * the model costs. The same model either way: test/nlp-model.test.ts reads texts with the
 * stock model and both of these and compares every token, tag, lemma, negation, entity and
 * sentence. `derived`: use this derived form (tests), or `false` for the JSON.
 */
export function englishModel(derived?: DerivedCoreModel | false): typeof modelType {
  const folder = modelFolder();
  const prebuilt = derived === undefined ? prebuiltCore(folder) : derived || undefined;
  const model = Object.create(null) as Record<string, unknown>;
  model.core = () => (prebuilt ? coreFromDerived(prebuilt) : readCoreModel(load(`${folder}languages/cur/models/eng-core-web-model.json`) as CoreModelFile));
  // Each part is loaded when wink-nlp asks for it. The names are written out, not composed, so
  // that the bundle holds these modules (scripts/build-cli.ts) instead of finding each on disk.
  const call = (module: unknown) => (module as () => unknown)();
  model.sbd = () => call(load('wink-eng-lite-web-model/dist/load-sbd-model.js'));
  model.pos = () => call(load('wink-eng-lite-web-model/dist/load-pos-model.js'));
  model.ner = () => call(load('wink-eng-lite-web-model/dist/load-ner-model.js'));
  model.negation = () => call(load('wink-eng-lite-web-model/dist/load-negation-model.js'));
  // Not in the bundle: the classifier reads no sentiment (see englishReader).
  model.sa = () => call(load(`${folder}load-sa-model.js`));
  model.metaCER = () => call(load('wink-eng-lite-web-model/dist/load-cer-meta-model.js'));
  model.featureFn = load('wink-eng-lite-web-model/dist/feature.js');
  const addons = Object.create(null) as Record<string, unknown>;
  addons.stem = load('wink-eng-lite-web-model/dist/porter-stemmer.js');
  addons.lemmatize = load('wink-eng-lite-web-model/dist/lemmatize.js');
  addons.readabilityStats = load('wink-eng-lite-web-model/dist/readability-stats.js');
  addons.wordVectors = undefined;
  model.addons = addons;
  return model as unknown as typeof modelType;
}

/** The folder of the model package's scripts (its dist/), with a trailing separator. */
function modelFolder(): string {
  return load.resolve('wink-eng-lite-web-model').replace(/[^/\\]+$/, '');
}

/** The installed model package's version. */
function modelVersion(folder = modelFolder()): string {
  return (load(`${folder}../package.json`) as { version: string }).version;
}

/**
 * The derived core beside this module (english-model.json, in the bundle's folder), when it is
 * there, of this format and of the installed model's version; undefined otherwise (running from
 * the sources, or a bundle built before the model package changed), and the JSON is read.
 */
function prebuiltCore(folder: string): DerivedCoreModel | undefined {
  let derived: Partial<DerivedCoreModel>;
  try {
    derived = load('./english-model.json') as Partial<DerivedCoreModel>;
  } catch {
    return undefined;
  }
  const parts = ['rest', 'lexicon', 'xpansions', 'words', 'starts', 'sorted'] as const;
  if (derived.format !== derivedFormat || derived.modelVersion !== modelVersion(folder) || parts.some((name) => typeof derived[name] !== 'string')) return undefined;
  return derived as DerivedCoreModel;
}

/**
 * The derived form of the installed model's core (see {@link DerivedCoreModel}) as JSON text:
 * what `npm run build:cli` writes to build/cli/english-model.json. A few long strings, which
 * JSON.parse reads in a few milliseconds (as a module, compiling them took thirty); the few
 * words outside ASCII are escaped, so the file reads as a one-byte string.
 */
export function englishModelJson(): string {
  const folder = modelFolder();
  const file = load(`${folder}languages/cur/models/eng-core-web-model.json`) as CoreModelFile;
  return `${JSON.stringify(deriveCoreModel(file, modelVersion(folder))).replace(/[^\x00-\x7f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

/** The model's core file in its derived form (see {@link DerivedCoreModel}). */
export function deriveCoreModel(file: CoreModelFile, version: string): DerivedCoreModel {
  const { lexicon, xpansions, features, ...small } = file;
  const { lexeme, ...otherFeatures } = features;
  const words = lexeme!.list;
  // JavaScript's own string order (UTF-16 code units), as the binary search compares. When a
  // word is listed twice the index holds its last position, as the package's own index does.
  const order = words.map((_, position) => position).sort((a, b) => (words[a]! < words[b]! ? -1 : words[a]! > words[b]! ? 1 : a - b));
  const sorted = order.filter((position, at) => at + 1 === order.length || words[order[at + 1]!] !== words[position]);
  let start = 0;
  const base64 = (numbers: Uint32Array) => (new Uint8Array(numbers.buffer) as unknown as { toBase64(): string }).toBase64();
  return {
    format: derivedFormat,
    modelVersion: version,
    rest: JSON.stringify({ ...small, features: otherFeatures }),
    lexicon,
    xpansions,
    words: words.join(''),
    starts: base64(Uint32Array.from({ length: words.length + 1 }, (_, position) => (position === 0 ? 0 : (start += words[position - 1]!.length)))),
    sorted: base64(Uint32Array.from(sorted)),
  };
}

/** The core model from its derived form: the small parts parsed, the lexemes read on demand. */
function coreFromDerived(derived: DerivedCoreModel): Record<string, unknown> {
  const small = JSON.parse(derived.rest) as Omit<CoreModelFile, 'lexicon' | 'xpansions'>;
  const lexemes = new LexemeList(derived.words, words32(derived.starts), words32(derived.sorted));
  return assembleCore(small, lexemes, words32(derived.lexicon), words32(derived.xpansions));
}

/**
 * The model's lexemes: the model's own words read from one string, by position or by binary
 * search over their sorted order, and the words wink-nlp adds as it meets them (each model its
 * own). wink-nlp reads and writes them as an array (`list[i]`, `list.push(w)`, `list.length`)
 * and an index object (`hash[w]`, `hash[w] = i`): {@link LexemeList.list} and
 * {@link LexemeList.hash} are those views.
 */
class LexemeList {
  private readonly added: string[] = [];
  private readonly addedIndex = new Map<string, number>();
  readonly list: unknown[];
  readonly hash: Record<string, number>;
  private readonly words: string;
  private readonly starts: Uint32Array;
  private readonly sorted: Uint32Array;
  constructor(words: string, starts: Uint32Array, sorted: Uint32Array) {
    this.words = words;
    this.starts = starts;
    this.sorted = sorted;
    const size = starts.length - 1;
    this.list = new Proxy([] as unknown[], {
      get: (target, key) => {
        if (key === 'length') return size + this.added.length;
        if (key === 'push') return (word: string) => this.add(word);
        if (typeof key === 'string') {
          const position = Number(key);
          if (Number.isInteger(position) && position >= 0 && String(position) === key) return position < size ? this.word(position) : this.added[position - size];
        }
        return Reflect.get(target, key) as unknown;
      },
      set: () => false,
    });
    this.hash = new Proxy(Object.create(null) as Record<string, number>, {
      get: (_target, key) => (typeof key === 'string' ? this.find(key) : undefined),
      // wink-nlp sets a new word's position, then pushes the word to the list.
      set: (_target, key, value: number) => {
        if (typeof key !== 'string') return false;
        this.addedIndex.set(key, value);
        return true;
      },
    });
  }

  private word(position: number): string {
    return this.words.slice(this.starts[position]!, this.starts[position + 1]!);
  }

  private add(word: string): number {
    return this.starts.length - 1 + this.added.push(word);
  }

  private find(word: string): number | undefined {
    let low = 0;
    let high = this.sorted.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const position = this.sorted[middle]!;
      const found = this.word(position);
      if (found === word) return position;
      if (found < word) low = middle + 1;
      else high = middle - 1;
    }
    return this.addedIndex.get(word);
  }
}

/**
 * The core model as the package's read-core-model.js and load-core-model.js make it, but
 * without their deep copy of the 3 MB file (only what wink-nlp changes is copied), with a
 * native base64 decoder instead of a loop over characters, and with the 88,000-word lexeme
 * index in a Map (behind the object interface wink-nlp reads and writes) rather than an object
 * grown one key at a time, which alone took longer than everything else.
 */
function readCoreModel(file: CoreModelFile): Record<string, unknown> {
  const { lexicon, xpansions, features, ...rest } = file;
  const small = structuredClone({ ...rest, features: Object.fromEntries(Object.entries(features).filter(([name]) => name !== 'lexeme')) }) as Omit<CoreModelFile, 'lexicon' | 'xpansions'>;
  const words = features.lexeme!.list.slice();
  return assembleCore(small, { list: words, hash: mapIndex(words) }, words32(lexicon), words32(xpansions));
}

/**
 * The core model wink-nlp expects, from a fresh copy of its small parts, its lexemes and its
 * packed arrays: each feature's index, sizes and the extractable features' list, as the
 * package's load-core-model.js adds them.
 */
function assembleCore(small: Omit<CoreModelFile, 'lexicon' | 'xpansions'>, lexemes: { list: unknown[]; hash: Record<string, number> }, lexicon: Uint32Array, xpansions: Uint32Array): Record<string, unknown> {
  const { features, ...rest } = small;
  const model = rest as unknown as { packing: { layout: Record<string, number[]>; efList: string[] }; pos: { hash: Record<string, number> } };
  const layout = model.packing.layout;
  // wink-nlp adds the words it has not seen to these lists and indexes: each model has its own.
  const copies = features as unknown as Record<string, { list: unknown[]; hash?: Record<string, number>; intrinsicSize?: number; index?: number; maxIndex?: number }>;
  for (const name in layout) if (layout[name]![3] === 0) copies[name]!.hash = mapIndex(copies[name]!.list as string[]);
  copies.posClusters!.list = (copies.posClusters!.list as string[]).map((cluster) => new Set(cluster.split('_').map((tag) => model.pos.hash[tag] || 0)));
  model.packing.efList = [];
  for (const name in layout) {
    const feature = copies[name];
    if (layout[name]![3] === 0 && feature) {
      feature.intrinsicSize = feature.list.length;
      feature.index = feature.list.length;
      feature.maxIndex = layout[name]![1]! >>> layout[name]![2]!;
    }
    if (layout[name]![4] === 1) model.packing.efList.push(name);
  }
  const size = lexemes.list.length;
  copies.lexeme = { list: lexemes.list, hash: lexemes.hash, intrinsicSize: size, index: size };
  return { ...model, lexicon, xpansions, features: copies };
}

/** Base64 to 32-bit words in the machine's byte order, as the package's own reader makes them. */
function words32(base64: string): Uint32Array {
  const bytes = (Uint8Array as unknown as { fromBase64(text: string): Uint8Array }).fromBase64(base64);
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

/**
 * Each word's position in the list (the last, for a word listed twice, as the package's own
 * index object has it), in a Map read and written through property access as wink-nlp does:
 * quicker to build than an object grown one key at a time.
 */
function mapIndex(list: readonly string[]): Record<string, number> {
  const index = new Map<string, number>();
  for (let position = 0; position < list.length; position++) index.set(list[position]!, position);
  return new Proxy(Object.create(null) as Record<string, number>, {
    get: (_target, key) => (typeof key === 'string' ? index.get(key) : undefined),
    set: (_target, key, value: number) => {
      if (typeof key !== 'string') return false;
      index.set(key, value);
      return true;
    },
  });
}

/** Split a block of prose into sentences and read each one. */
export function readSentences(text: string): ReadSentence[] {
  const engine = reader();
  const its = engine.its;
  // Re-rendered pages join sentences without a space ("data.You may"): give them one back.
  const doc = engine.readDoc(text.replace(/([a-z)])\.([A-Z][a-z])/g, '$1. $2').replace(/([a-z)])\.\.(?=\s)/g, '$1.'));
  const texts = doc.tokens().out();
  const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.value) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const negations = doc.tokens().out(its.negationFlag) as unknown as boolean[];
  const spaces = doc.tokens().out(its.precedingSpaces) as string[];
  const tokens = texts.map((word, index) => ({ text: word, lemma: String(lemmas[index]).toLowerCase(), pos: String(tags[index]), negated: Boolean(negations[index]) }));
  const entitySpans = doc.entities().out(its.span) as unknown as [number, number][];
  const entityTypes = doc.entities().out(its.type) as string[];
  const entityValues = doc.entities().out();
  const sentences: ReadSentence[] = [];
  const rawSpans = doc.sentences().out(its.span) as unknown as [number, number][];
  const rawTexts = doc.sentences().out();
  // "the EU-U.S. Data Privacy Framework": a sentence cannot end on a single initial.
  const spans: [number, number][] = [];
  const sentenceTexts: string[] = [];
  rawSpans.forEach((span, index) => {
    const previous = sentenceTexts.at(-1);
    // Nor does one start in lower case ("Duck.ai chats" read as "Duck." and "ai chats").
    if (previous !== undefined && (/(?:^|[\s-])\p{Lu}\.$/u.test(previous.trim()) || /^\p{Ll}/u.test(rawTexts[index]!.trim()))) {
      spans[spans.length - 1]![1] = span[1];
      sentenceTexts[sentenceTexts.length - 1] = texts.slice(spans.at(-1)![0], span[1] + 1).map((word, at) => (at === 0 ? '' : spaces[spans.at(-1)![0] + at]) + word).join('');
      return;
    }
    spans.push([span[0], span[1]]);
    sentenceTexts.push(rawTexts[index]!);
  });
  spans.forEach(([first, last], index) => {
    sentences.push({
      text: sentenceTexts[index]!.trim(),
      tokens: tokens.slice(first, last + 1),
      entities: entitySpans.flatMap(([start, end], at) => (start >= first && end <= last ? [{ type: entityTypes[at]!, value: entityValues[at]!, first: start - first, last: end - first }] : [])),
    });
  });
  return sentences;
}

/**
 * Could this be a person's name ("Jane Doe", "Dr. Jane Smith") rather than a company's? Two
 * or three capitalised words with no company suffix and no acronym. People are contacts,
 * never recipients; a name this shape in a recipient slot goes to review, not to material.
 * (compromise tells people from companies with a lexicon of first names, but loading it
 * costs 1.4 s of CPU, which tripled the start-up of `policy diff`: see
 * docs/prose-classification.md.)
 */
export function mayBePersonName(text: string): boolean {
  return /^(?:(?:Dr|Mr|Mrs|Ms)\.?\s+)?\p{Lu}\p{Ll}+(?:[\s-]+\p{Lu}[\p{Ll}'’]+){1,2}$/u.test(text.trim()) && !/\b(Inc|LLC|Ltd|GmbH|Corporation|Corp|Company|Group|Labs|Technologies|Systems|Services|Analytics|Cloud|Media|Networks|Platforms|Software|Solutions)\b/.test(text);
}
