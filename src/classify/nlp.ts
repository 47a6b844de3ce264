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

/** Loading the model takes a few hundred milliseconds: once, on first use. */
function reader(): WinkMethods {
  wink ??= (load('wink-nlp') as typeof winkType)(load('wink-eng-lite-web-model') as typeof modelType);
  return wink;
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
