import { createRequire } from 'node:module';
import type { WinkMethods } from 'wink-nlp';
import type winkType from 'wink-nlp';
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
  wink ??= (load('wink-nlp') as typeof winkType)(englishModel());
  return wink;
}

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
 * wink-eng-lite-web-model, assembled from the package's own parts as its model.js does, with
 * the core part read faster (see {@link readCoreModel}): at `policy diff`'s start-up the stock
 * reader took most of the time the model costs. The same model: test/nlp-model.test.ts reads
 * texts with both and compares every token, tag, lemma, negation, entity and sentence.
 * Exported for that test only.
 */
export function englishModel(): typeof modelType {
  const folder = load.resolve('wink-eng-lite-web-model').replace(/[^/\\]+$/, '');
  const part = (name: string) => load(`${folder}${name}`) as unknown;
  const model = Object.create(null) as Record<string, unknown>;
  model.core = () => readCoreModel(part('languages/cur/models/eng-core-web-model.json') as CoreModelFile);
  for (const [name, file] of [['sbd', 'load-sbd-model.js'], ['pos', 'load-pos-model.js'], ['ner', 'load-ner-model.js'], ['negation', 'load-negation-model.js'], ['sa', 'load-sa-model.js'], ['metaCER', 'load-cer-meta-model.js'], ['featureFn', 'feature.js']] as const) model[name] = part(file);
  const addons = Object.create(null) as Record<string, unknown>;
  addons.stem = part('porter-stemmer.js');
  addons.lemmatize = part('lemmatize.js');
  addons.readabilityStats = part('readability-stats.js');
  addons.wordVectors = undefined;
  model.addons = addons;
  return model as unknown as typeof modelType;
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
  const model = structuredClone(rest) as { packing: { layout: Record<string, number[]>; efList: string[] }; pos: { hash: Record<string, number> } };
  const layout = model.packing.layout;
  const copies: Record<string, { list: unknown[]; hash?: Record<string, number>; intrinsicSize?: number; index?: number; maxIndex?: number }> = Object.create(null);
  // wink-nlp adds the words it has not seen to these lists and indexes: each model has its own.
  for (const name in features) copies[name] = { list: features[name]!.list.slice() };
  for (const name in layout) if (layout[name]![3] === 0 && name !== 'lexeme') copies[name]!.hash = objectIndex(copies[name]!.list as string[]);
  copies.lexeme!.hash = mapIndex(copies.lexeme!.list as string[]);
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
  copies.lexeme!.intrinsicSize = copies.lexeme!.list.length;
  copies.lexeme!.index = copies.lexeme!.list.length;
  return { ...model, lexicon: words32(lexicon), xpansions: words32(xpansions), features: copies };
}

/** Base64 to 32-bit words in the machine's byte order, as the package's own reader makes them. */
function words32(base64: string): Uint32Array {
  const bytes = (Uint8Array as unknown as { fromBase64(text: string): Uint8Array }).fromBase64(base64);
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

/** Each word's position in the list, as an object without prototype (the package's own index). */
function objectIndex(list: readonly string[]): Record<string, number> {
  const index = Object.create(null) as Record<string, number>;
  for (let position = 0; position < list.length; position++) index[list[position]!] = position;
  return index;
}

/** The same index in a Map, read and written through property access as wink-nlp does. */
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
