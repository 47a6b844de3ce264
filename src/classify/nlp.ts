import { createRequire } from 'node:module';
import type { WinkMethods } from 'wink-nlp';
import type modelType from 'wink-eng-lite-web-model';
import { englishModelFile } from './english-model-file.ts';

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
 * english-model.bin, see {@link encodeCoreModel}). The 88,000 words of the lexeme list are one
 * string with where each starts, and a sorted order of them stands in for the word index, which
 * the stock reader builds at every start: a word is found by binary search, only for the words
 * a text holds. So are the other features whose words wink-nlp looks up (prefixes, suffixes,
 * shapes), whose indexes the stock reader builds too.
 */
export interface DerivedCoreModel {
  /** Bumped when this form changes: another format is not read. */
  format: number;
  /** The version of wink-eng-lite-web-model it was derived from: another version's is not read. */
  modelVersion: string;
  /** The small parts (header, packing, tokenizer, tags, and every feature but the lexemes) as JSON. */
  rest: string;
  /** The packed lexicon and contraction expansions, as the package's base64 holds them. */
  lexicon: Uint32Array;
  xpansions: Uint32Array;
  /**
   * The lexeme list's words in ASCII, one after the other, and where each starts (one more than
   * the words: the end). A word outside ASCII has no letters there: its start has the top bit
   * set, and the word is in `wide` by its position (some three hundred: ’, é, £, emoji, ...).
   */
  words: string;
  starts: Uint32Array;
  wide: Record<number, string>;
  /** The lexeme positions in the order of their words. */
  sorted: Uint32Array;
  /** For each other feature that wink-nlp indexes (see {@link indexedFeatures}), the positions of its list in the order of their words. */
  orders: Record<string, Uint32Array>;
}

const derivedFormat = 3;

/** The bit of a lexeme's start that says the word is outside ASCII (see {@link DerivedCoreModel.wide}). */
const wideWord = 0x80000000;

/**
 * wink-eng-lite-web-model, assembled from the package's own parts as its model.js does, with
 * the core part read faster: from the derived form when the program carries one for this model
 * version (the bundle, whose src/cli/main.ts provides it through ./english-model-file.ts; or
 * `derived`, its decoded form or bytes, for tests), else from the package's JSON (see
 * {@link readCoreModel}). At `policy diff`'s start-up the stock reader took most of the time
 * the model costs. The same model either way: test/nlp-model.test.ts reads texts with the
 * stock model and both of these and compares every token, tag, lemma, negation, entity and
 * sentence. `false`: the package's JSON.
 */
export function englishModel(derived?: DerivedCoreModel | Uint8Array | false): typeof modelType {
  const bytes = derived === undefined ? englishModelFile() : derived;
  const prebuilt = bytes instanceof Uint8Array ? decodeCoreModel(bytes, modelVersion()) : bytes || undefined;
  const model = Object.create(null) as Record<string, unknown>;
  const fromPackage = () => readCoreModel(load(`${modelFolder()}languages/cur/models/eng-core-web-model.json`) as CoreModelFile);
  model.core = () => {
    if (prebuilt === undefined) return fromPackage();
    try {
      return coreFromDerived(prebuilt);
    } catch {
      // A damaged file whose structure still reads (its small parts no JSON): the package's own.
      return fromPackage();
    }
  };
  // Each part is loaded when wink-nlp asks for it. The names are written out, not composed, so
  // that the bundle holds these modules (scripts/build-cli.ts) instead of finding each on disk.
  const call = (module: unknown) => (module as () => unknown)();
  model.sbd = () => call(load('wink-eng-lite-web-model/dist/load-sbd-model.js'));
  model.pos = () => call(load('wink-eng-lite-web-model/dist/load-pos-model.js'));
  model.ner = () => call(load('wink-eng-lite-web-model/dist/load-ner-model.js'));
  model.negation = () => call(load('wink-eng-lite-web-model/dist/load-negation-model.js'));
  // Not in the bundle: the classifier reads no sentiment (see englishReader).
  model.sa = () => call(load(`${modelFolder()}load-sa-model.js`));
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

/**
 * The model package's version: the installed one's, or in the bundle that of the package its
 * modules were bundled from (the name is written out, so scripts/build-cli.ts bundles it too).
 */
function modelVersion(): string {
  return (load('wink-eng-lite-web-model/package.json') as { version: string }).version;
}

/**
 * The derived form of the installed model's core (see {@link DerivedCoreModel}) as the bytes
 * `npm run build:cli` writes to build/cli/english-model.bin.
 */
export function englishModelBytes(): Uint8Array {
  const file = load(`${modelFolder()}languages/cur/models/eng-core-web-model.json`) as CoreModelFile;
  return encodeCoreModel(deriveCoreModel(file, modelVersion()));
}

/** The model's core file in its derived form (see {@link DerivedCoreModel}). */
export function deriveCoreModel(file: CoreModelFile, version: string): DerivedCoreModel {
  const { lexicon, xpansions, features, ...small } = file;
  const { lexeme, ...otherFeatures } = features;
  const words = lexeme!.list;
  let start = 0;
  const wide: Record<number, string> = {};
  const starts = new Uint32Array(words.length + 1);
  words.forEach((word, position) => {
    if (/^[\x00-\x7f]*$/.test(word)) {
      starts[position] = start;
      start += word.length;
    } else {
      starts[position] = (start | wideWord) >>> 0;
      wide[position] = word;
    }
  });
  starts[words.length] = start;
  return {
    format: derivedFormat,
    modelVersion: version,
    rest: JSON.stringify({ ...small, features: otherFeatures }),
    lexicon: words32(lexicon),
    xpansions: words32(xpansions),
    words: words.filter((word) => /^[\x00-\x7f]*$/.test(word)).join(''),
    starts,
    wide,
    sorted: sortedOrder(words),
    orders: Object.fromEntries(indexedFeatures(file.packing.layout).map((name) => [name, sortedOrder(features[name]!.list)])),
  };
}

/**
 * The positions of `words` in the order of their words: JavaScript's own string order (UTF-16
 * code units), as the binary search compares. A word listed twice keeps only its last position,
 * as the package's own index object has it.
 */
function sortedOrder(words: readonly string[]): Uint32Array {
  const order = words.map((_, position) => position).sort((a, b) => (words[a]! < words[b]! ? -1 : words[a]! > words[b]! ? 1 : a - b));
  return Uint32Array.from(order.filter((position, at) => at + 1 === order.length || words[order[at + 1]!] !== words[position]));
}

/** The features other than the lexemes whose lists wink-nlp indexes and grows (the package's load-core-model.js indexes those of layout[3] 0). */
function indexedFeatures(layout: Record<string, number[]>): string[] {
  return Object.keys(layout).filter((name) => layout[name]![3] === 0);
}

/** The header of the derived model's file: what it is, the wide words, and where each section lies (byte offset, byte length). */
interface CoreModelHeader {
  format: number;
  modelVersion: string;
  littleEndian: boolean;
  size: number;
  wide: Record<number, string>;
  sections: Record<string, [number, number]>;
}

/** Whether this machine stores numbers little-endian: the numbers' sections are written as it stores them. */
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The derived model as one file that loads without parsing or decoding: the byte length of a
 * JSON header (4 bytes, little-endian), the header ({@link CoreModelHeader}), then each section
 * at an offset that is a multiple of 8: `rest` as UTF-8, the words as ASCII, the numbers as
 * 32-bit words in this machine's byte order, read in place as Uint32Arrays (`lexicon`,
 * `xpansions`, `starts`, `sorted`, and `order.<feature>` for each of `orders`).
 */
export function encodeCoreModel(derived: DerivedCoreModel): Uint8Array {
  const encoder = new TextEncoder();
  const contents: Record<string, Uint8Array> = {
    rest: encoder.encode(derived.rest),
    lexicon: bytesOf(derived.lexicon),
    xpansions: bytesOf(derived.xpansions),
    words: encoder.encode(derived.words),
    starts: bytesOf(derived.starts),
    sorted: bytesOf(derived.sorted),
  };
  for (const [name, order] of Object.entries(derived.orders)) contents[`order.${name}`] = bytesOf(order);
  const align = (offset: number) => Math.ceil(offset / 8) * 8;
  // The header's own length depends on the offsets it lists: room for the longest numbers, then padded.
  const layout = (headerEnd: number): CoreModelHeader => {
    let offset = align(headerEnd);
    const sections: Record<string, [number, number]> = {};
    for (const [name, bytes] of Object.entries(contents)) {
      sections[name] = [offset, bytes.byteLength];
      offset = align(offset + bytes.byteLength);
    }
    return { format: derived.format, modelVersion: derived.modelVersion, littleEndian, size: offset, wide: derived.wide, sections };
  };
  const headerRoom = 4 + encoder.encode(JSON.stringify(layout(1e9))).byteLength;
  const header = layout(headerRoom);
  // Padded with spaces, which JSON allows after the value.
  const headerBytes = new Uint8Array(headerRoom - 4).fill(0x20);
  headerBytes.set(encoder.encode(JSON.stringify(header)));
  const file = new Uint8Array(header.size);
  new DataView(file.buffer).setUint32(0, headerBytes.byteLength, true);
  file.set(headerBytes, 4);
  for (const [name, bytes] of Object.entries(contents)) file.set(bytes, header.sections[name]![0]);
  return file;
}

/** The bytes of 32-bit numbers, as this machine stores them. */
function bytesOf(numbers: Uint32Array): Uint8Array {
  return new Uint8Array(numbers.buffer, numbers.byteOffset, numbers.byteLength);
}

/**
 * The derived model in `file` (see {@link encodeCoreModel}), its numbers read in place; or
 * undefined when the file is not one for `version` of the model in this format and this byte
 * order, or is cut short, longer, or inconsistent: then the package's JSON is read instead.
 */
export function decodeCoreModel(file: Uint8Array, version: string): DerivedCoreModel | undefined {
  try {
    // Numbers are read in place, which needs their offsets to be multiples of 4 in memory too.
    const bytes = file.byteOffset % 8 === 0 ? file : file.slice();
    if (bytes.byteLength < 4) return undefined;
    const headerLength = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
    if (4 + headerLength > bytes.byteLength) return undefined;
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    const header = JSON.parse(utf8.decode(bytes.subarray(4, 4 + headerLength))) as Partial<CoreModelHeader>;
    if (header.format !== derivedFormat || header.modelVersion !== version || header.littleEndian !== littleEndian || header.size !== bytes.byteLength) return undefined;
    if (typeof header.wide !== 'object' || header.wide === null || typeof header.sections !== 'object' || header.sections === null) return undefined;
    const section = (name: string, unit: number): Uint8Array => {
      const [offset, length] = header.sections![name] ?? [];
      if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset! < 4 + headerLength || length! < 0 || offset! + length! > bytes.byteLength || offset! % 8 !== 0 || length! % unit !== 0) throw new RangeError(`section ${name}`);
      return new Uint8Array(bytes.buffer, bytes.byteOffset + offset!, length!);
    };
    const numbers = (name: string) => {
      const part = section(name, 4);
      return new Uint32Array(part.buffer, part.byteOffset, part.byteLength / 4);
    };
    const orders: Record<string, Uint32Array> = {};
    for (const name of Object.keys(header.sections)) if (name.startsWith('order.')) orders[name.slice('order.'.length)] = numbers(name);
    const derived: DerivedCoreModel = {
      format: header.format,
      modelVersion: header.modelVersion,
      rest: utf8.decode(section('rest', 1)),
      lexicon: numbers('lexicon'),
      xpansions: numbers('xpansions'),
      words: utf8.decode(section('words', 1)),
      starts: numbers('starts'),
      wide: header.wide,
      sorted: numbers('sorted'),
      orders,
    };
    // Where the words start must begin at 0 and end at the words' end, and the order must list no more words than there are.
    const { starts, sorted, words } = derived;
    if (starts.length === 0 || (starts[0]! & ~wideWord) !== 0 || starts[starts.length - 1] !== words.length || sorted.length > starts.length - 1) return undefined;
    return derived;
  } catch {
    return undefined;
  }
}

/** The core model from its derived form: the small parts parsed, the lexemes read on demand. */
function coreFromDerived(derived: DerivedCoreModel): Record<string, unknown> {
  const small = JSON.parse(derived.rest) as Omit<CoreModelFile, 'lexicon' | 'xpansions'>;
  const lexemes = new LexemeList(derived.words, derived.starts, derived.wide, derived.sorted);
  // wink-nlp reads the packed arrays and never writes them: the file's own memory, not copies.
  const indexOf = (name: string, list: readonly string[]) => {
    const order = derived.orders[name];
    return order === undefined ? mapIndex(list) : sortedIndex((position) => list[position]!, order);
  };
  return assembleCore(small, lexemes, derived.lexicon, derived.xpansions, indexOf);
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
  readonly list: unknown[];
  readonly hash: Record<string, number>;
  private readonly words: string;
  private readonly starts: Uint32Array;
  private readonly wide: Record<number, string>;
  constructor(words: string, starts: Uint32Array, wide: Record<number, string>, sorted: Uint32Array) {
    this.words = words;
    this.starts = starts;
    this.wide = wide;
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
    this.hash = sortedIndex((position) => this.word(position), sorted);
  }

  private word(position: number): string {
    const start = this.starts[position]!;
    if (start >= wideWord) return this.wide[position]!;
    return this.words.slice(start, this.starts[position + 1]! & ~wideWord);
  }

  private add(word: string): number {
    return this.starts.length - 1 + this.added.push(word);
  }
}

/**
 * The index object of a list (`hash[word]` its position, `hash[word] = position` for a word
 * added), over the positions of the list's own words in the order of their words (see
 * {@link sortedOrder}): a word is found by binary search, and the words added since are kept in
 * a Map. Nothing is built until a word is asked for.
 */
function sortedIndex(wordAt: (position: number) => string, sorted: Uint32Array): Record<string, number> {
  const added = new Map<string, number>();
  const find = (word: string): number | undefined => {
    let low = 0;
    let high = sorted.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const position = sorted[middle]!;
      const found = wordAt(position);
      if (found === word) return position;
      if (found < word) low = middle + 1;
      else high = middle - 1;
    }
    return added.get(word);
  };
  return new Proxy(Object.create(null) as Record<string, number>, {
    get: (_target, key) => (typeof key === 'string' ? find(key) : undefined),
    // wink-nlp sets a new word's position, then pushes the word to the list.
    set: (_target, key, value: number) => {
      if (typeof key !== 'string') return false;
      added.set(key, value);
      return true;
    },
  });
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
  return assembleCore(small, { list: words, hash: mapIndex(words) }, words32(lexicon), words32(xpansions), (_name, list) => mapIndex(list));
}

/**
 * The core model wink-nlp expects, from a fresh copy of its small parts, its lexemes and its
 * packed arrays: each feature's index (made by `indexOf`), sizes and the extractable features'
 * list, as the package's load-core-model.js adds them.
 */
function assembleCore(
  small: Omit<CoreModelFile, 'lexicon' | 'xpansions'>,
  lexemes: { list: unknown[]; hash: Record<string, number> },
  lexicon: Uint32Array,
  xpansions: Uint32Array,
  indexOf: (name: string, list: readonly string[]) => Record<string, number>,
): Record<string, unknown> {
  const { features, ...rest } = small;
  const model = rest as unknown as { packing: { layout: Record<string, number[]>; efList: string[] }; pos: { hash: Record<string, number> } };
  const layout = model.packing.layout;
  // wink-nlp adds the words it has not seen to these lists and indexes: each model has its own.
  const copies = features as unknown as Record<string, { list: unknown[]; hash?: Record<string, number>; intrinsicSize?: number; index?: number; maxIndex?: number }>;
  for (const name of indexedFeatures(layout)) copies[name]!.hash = indexOf(name, copies[name]!.list as string[]);
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
