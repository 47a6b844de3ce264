import { lexicon, retentionWords, type FactKind } from './lexicon.ts';

/** A fact a sentence states: a kind and the term (lower-case) or value that names it. */
export interface Fact {
  kind: FactKind;
  term: string;
}

const units = 'hours?|days?|weeks?|months?|years?';
const period = new RegExp(`\\b(\\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen|thirty|sixty|ninety)[\\s-]+(${units})\\b`, 'gi');
const ageNumber = /\b(?:under|below|over|younger than|older than|at least|aged?|the age of)\s+(\d{1,2})\b|\b(\d{1,2})\s*(?:years? old|\+)/gi;
const ageContext = /\b(age|aged|years old|child|children|minor|minors|teen|teens|old enough)\b/i;

/** Capitalised names (not the first word of a sentence): organisations and products. */
const properName = /(?<=^|[\s(,;:"“'])(?:[A-Z][\p{L}\p{N}&.'-]*[\p{L}\p{N}]|[A-Z]{2,})(?:\s+(?:[A-Z][\p{L}\p{N}&.'-]*[\p{L}\p{N}]|[A-Z]{2,}|of|and|&))*(?=[\s.,;:)"”']|$)/gu;
// Jurisdictions are where rights apply, not recipients.
const places =
  'alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana nebraska nevada new hampshire new jersey new mexico new york north carolina north dakota ohio oklahoma oregon pennsylvania rhode island south carolina south dakota tennessee texas utah vermont virginia washington west virginia wisconsin wyoming canada mexico brazil argentina japan china india korea australia new zealand singapore switzerland norway iceland liechtenstein germany france italy spain portugal ireland netherlands belgium austria sweden denmark finland poland united states uk us eu eea europe';
const notNames = new Set(
  `${places} we our us you your the this that these those if when where while for in on at by to from with and or but as an a it its they their he she i privacy policy notice statement terms service services website app apps account accounts personal data information section appendix table contents european union united kingdom january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday faq note example examples please learn more see also read here click yes no gdpr ccpa cpra usa u.s`.split(' '),
);

const numberWords: Record<string, string> = { one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10', twelve: '12', eighteen: '18', thirty: '30', sixty: '60', ninety: '90' };

/** Normalise a sentence for fact matching: lower-case words separated by single spaces. */
function words(text: string): string {
  return ` ${text.toLowerCase().replace(/[^\p{L}\p{N}'-]+/gu, ' ').trim()} `;
}

/** The facts one sentence states: lexicon terms, retention periods and ages in context, names. */
export function factsOf(sentence: string, { names = true } = {}): Fact[] {
  const facts: Fact[] = [];
  const text = words(sentence);
  for (const { kind, term } of lexicon) {
    if (text.includes(` ${term} `)) facts.push({ kind, term });
  }
  if (retentionWords.test(sentence)) {
    for (const match of sentence.matchAll(period)) {
      const amount = numberWords[match[1]!.toLowerCase()] ?? match[1]!;
      const unit = match[2]!.toLowerCase().replace(/s$/, '');
      facts.push({ kind: 'retention', term: `${amount} ${unit}${amount === '1' ? '' : 's'}` });
    }
  }
  if (ageContext.test(sentence)) for (const match of sentence.matchAll(ageNumber)) facts.push({ kind: 'children', term: `age ${match[1] ?? match[2]}` });
  if (names) {
    for (const match of sentence.matchAll(properName)) {
      const name = match[0].replace(/\s+(of|and|&)$/i, '');
      if (!notNames.has(name.toLowerCase()) && name.length > 1) facts.push({ kind: 'recipient', term: `name:${name}` });
    }
  }
  return facts;
}

/** Every fact key (`kind:term`) stated anywhere in a text, for "is this new to the document?". */
export function factIndex(text: string): { keys: Set<string>; lower: string } {
  const keys = new Set<string>();
  for (const sentence of splitSentences(text)) for (const fact of factsOf(sentence)) keys.add(`${fact.kind}:${fact.term}`);
  return { keys, lower: text.toLowerCase() };
}

/** Split a block's text into sentences. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?;])\s+(?=[\p{Lu}\p{N}"“(])|\n+/u)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

export { period as retentionPeriod };
