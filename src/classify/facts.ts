import { mayBePersonName, readSentences, type ReadSentence, type Token } from './nlp.ts';
import { escapeRegExp } from './term-pattern.ts';
import { actionOf, foldForMatching, mentions, type Concept } from './vocabulary.ts';
import { averageDays } from '../model/duration.ts';

/** One value in a slot of a fact: a concept of the vocabulary, a named party, a period or an age. */
export interface FactValue {
  /** What compares: a concept id (`pd:EmailAddress`), `name:Acoustic`, `period:540`, `age:13`. */
  key: string;
  /** What a reader sees: the words of the sentence. */
  label: string;
  /** A named party shaped like a person's name ("Jane Doe"): a contact more likely than a recipient. */
  person?: boolean;
}

/** An action of a fact, and whether the sentence denies it ("we do not sell"). */
export interface FactAction {
  id: string;
  word: string;
  negated: boolean;
}

/**
 * What one sentence states about processing: who does what with which data, for whom,
 * for what, for how long and on what condition. Slots are empty when the sentence does not
 * fill them. A sentence with no action (and not in a list of recipients or data) states no
 * processing: its data words are mentions, not facts.
 */
export interface ProcessingFact {
  sentence: string;
  line: number;
  actions: FactAction[];
  data: FactValue[];
  tracking: FactValue[];
  recipients: FactValue[];
  purposes: FactValue[];
  transfers: FactValue[];
  /** Periods of keeping or deleting, in a sentence whose action is storing or erasing. */
  periods: FactValue[];
  /** Age thresholds, in a sentence about children. */
  ages: FactValue[];
  /** Nouns (with their adjectives) and verbs ("to subscribe"), as lemmas, of an "if / unless / when / except ..." clause. */
  condition: string[];
  /** Nouns of what the action is done to, for data the vocabulary has no concept for. */
  objects: string[];
  /** The words of that object, as written ("the high-level categories of things you search for"). */
  objectPhrase: string;
  /** Every lemma of the sentence, for comparing two versions of it. */
  lemmas: string[];
  /** Lower-case words in the scope of a negation ("not ... advertising"). */
  negatedWords: string[];
  /** The sentence is an item of a list whose lead-in states sharing or collection. */
  listed?: 'recipients' | 'data';
  /** The sentence states processing (an action, or an item of such a list). */
  processing: boolean;
}

/** Where a sentence stands: an item of a list (or table row) introduced by a lead-in paragraph. */
export interface SentenceContext {
  line: number;
  /** The first cell of the item as written ("Metronome" of "* Metronome | Billing | United States"). */
  head?: string | undefined;
  /** The paragraph introducing the list the sentence is an item of. */
  leadIn?: string | undefined;
}

const conditionWords = new Set(['if', 'unless', 'when', 'whenever', 'where', 'except', 'until', 'provided']);
const objectEnd = new Set(['to', 'with', 'for', 'so', 'because', 'in', 'when', 'if', 'unless', 'where', 'which', 'that', 'as', ';', ':', '(']);
const recipientLead = new Set(['to', 'with']);
const coordination = new Set([',', 'and', 'or']);
/** Words that only frame a statement: never the data it is about. */
const frameNouns = new Set(['information', 'data', 'datum', 'detail', 'example', 'instance', 'way', 'case', 'purpose', 'time', 'part', 'type', 'kind', 'category', 'thing', 'use', 'service', 'product', 'feature', 'policy', 'notice', 'statement', 'section', 'user', 'people', 'person', 'individual', 'you', 'we', 'us', 'order', 'number', 'lot', 'other', 'reason', 'extent', 'law', 'request', 'right', 'choice', 'setting', 'option']);

const numberWords: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, eighteen: 18, twenty: 20, thirty: 30, sixty: 60, ninety: 90 };
/** A period as prose writes it: "18 months", "two years", "a 30-day" (a number or number word, then a unit). */
const periodPattern = new RegExp(`\\b(\\d+(?:\\.\\d+)?|${Object.keys(numberWords).join('|')})[\\s-]+(minute|hour|day|week|month|year)s?\\b`, 'gi');

/** A period written in prose: its words, its length in days (average months and years, as ISO durations count) and its label ("2 years"). */
export interface ProsePeriod {
  text: string;
  days: number;
  label: string;
}

/** Every period written in a text ("two years", "18 months"), in order. */
export function periodsIn(text: string): ProsePeriod[] {
  return [...text.matchAll(periodPattern)].map((match) => {
    const amount = numberWords[match[1]!.toLowerCase()] ?? Number(match[1]);
    const unit = match[2]!.toLowerCase() as 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';
    return { text: match[0], days: amount * averageDays[`${unit}s`], label: `${amount} ${unit}${amount === 1 ? '' : 's'}` };
  });
}

/** The processing facts of a block of prose (one per sentence). */
export function factsOfBlock(text: string, context: SentenceContext): ProcessingFact[] {
  const lead = context.leadIn ? readSentences(context.leadIn).map((sentence) => factOf(sentence, { line: context.line })) : [];
  const listed = lead.some((fact) => fact.actions.some((action) => /share|transfer|sell|access/.test(action.id) && !action.negated) || fact.recipients.length > 0)
    ? 'recipients'
    : lead.some((fact) => fact.actions.some((action) => /collect|use|store/.test(action.id)))
      ? 'data'
      : undefined;
  const sentences = readSentences(text);
  // A table row or list item with cells is one statement, whatever full stops its cells hold ("Docker.io").
  if (context.head !== undefined && sentences.length > 1) {
    const offsets = sentences.reduce<number[]>((all, _sentence, index) => [...all, (all[index - 1] ?? 0) + (index > 0 ? sentences[index - 1]!.tokens.length : 0)], []);
    const merged = {
      text: sentences.map((sentence) => sentence.text).join(' '),
      tokens: sentences.flatMap((sentence) => sentence.tokens),
      entities: sentences.flatMap((sentence, index) => sentence.entities.map((entity) => ({ ...entity, first: entity.first + offsets[index]!, last: entity.last + offsets[index]! }))),
    };
    return [factOf(merged, { line: context.line, head: context.head }, listed)];
  }
  return sentences.map((sentence, index) => factOf(sentence, { line: context.line, head: index === 0 ? context.head : undefined }, listed));
}

/** Read one sentence into a fact. */
function factOf(sentence: ReadSentence, context: SentenceContext, listed?: 'recipients' | 'data'): ProcessingFact {
  const { tokens } = sentence;
  const actions: FactAction[] = [];
  const negatedByPhrase = /\bno longer\b|\bnever\b/i.test(sentence.text);
  let firstAction = -1;
  let firstShare = -1;
  tokens.forEach((token, index) => {
    if (token.pos !== 'VERB' && !(token.pos === 'NOUN' && (tokens[index - 1]?.pos === 'AUX' || coordinatedWithAction(tokens, index)))) return;
    const concept = actionOf(token.lemma);
    if (!concept) return;
    // "You may delete ...", "you're using": the user acts (a choice or a control), not the company.
    if (subjectOf(tokens, index) === 'you' && !/share|collect/.test(concept.id)) return;
    if (firstAction < 0) firstAction = index;
    if (firstShare < 0 && /share|transfer|sell/.test(concept.id)) firstShare = index;
    actions.push({ id: concept.id, word: token.text, negated: token.negated || negatedByPhrase });
  });

  const mentioned = mentions(sentence.text);
  const byKind = (kind: Concept['kind']) => {
    const values = new Map<string, FactValue>();
    for (const mention of mentioned) if (mention.concept.kind === kind && !values.has(mention.concept.id)) values.set(mention.concept.id, { key: mention.concept.id, label: mention.words });
    return [...values.values()];
  };
  const data = byKind('data');
  const children = byKind('children');
  const parties = namedParties(sentence, firstShare, listed, context.head);
  // "Google LLC, subsidiary of Alphabet Inc", "our email vendor, Acoustic": a recipient word in
  // apposition to a named party describes that party; the name is the recipient.
  const folded = foldForMatching(sentence.text);
  let names: string[] | undefined;
  // On ASCII text the Unicode class of letters holds exactly the ASCII letters, and its pattern costs more to build.
  const letters = /[^\x00-\x7f]/.test(folded) ? ['\\p{L}', 'u'] : ['a-zA-Z', ''];
  const describesParty = (value: FactValue) =>
    (names ??= parties.map((party) => foldForMatching(party.label))).some((name) => {
      // Both forms hold the name and the value as written: without both, the pattern is not built.
      if (!folded.includes(name) || !folded.includes(value.label)) return false;
      return new RegExp(`${escapeRegExp(name)}(?: (?:inc|llc|ltd|corp|corporation|gmbh)\\.?)?,\\s+(?:a |an |the |our |its )?(?:[${letters[0]}-]+ ){0,2}${escapeRegExp(value.label)}\\b|${escapeRegExp(value.label)},\\s+${escapeRegExp(name)}`, letters[1]).test(folded);
    });
  const recipients = [...byKind('recipient').filter((value) => !describesParty(value)), ...parties];
  // "SalesForce Marketing Cloud" names a party, not the purpose "marketing".
  const insideName = (value: FactValue) => parties.some((party) => party.label.toLowerCase().includes(value.label.toLowerCase()));
  const stores = actions.some((action) => /store|erase/.test(action.id));

  const periods: FactValue[] = [];
  const ages: FactValue[] = [];
  for (const entity of sentence.entities) {
    if (entity.type !== 'DURATION') continue;
    const after = tokens[entity.last + 1]?.lemma;
    const period = periodsIn(entity.value)[0];
    if (!period) continue;
    if (after === 'old' || after === 'of' || tokens[entity.first - 1]?.lemma === 'age') continue;
    if (stores) periods.push({ key: `period:${Math.round(period.days * 10) / 10}`, label: period.label });
  }
  if (children.length > 0) {
    tokens.forEach((token, index) => {
      const value = Number(token.text);
      if (token.pos !== 'NUM' || !Number.isInteger(value) || value < 6 || value > 25) return;
      const before = tokens.slice(Math.max(0, index - 4), index).map((word) => word.lemma);
      const next = tokens.slice(index + 1, index + 3).map((word) => word.lemma);
      if (before.some((word) => ['age', 'under', 'below', 'over', 'least', 'than', 'aged'].includes(word)) || next.join(' ').startsWith('year old') || next[0] === '+') {
        ages.push({ key: `age:${value}`, label: `age ${value}` });
      }
    });
  }

  const fact: ProcessingFact = {
    sentence: sentence.text,
    line: context.line,
    actions,
    data: data.filter((value) => !insideName(value)),
    tracking: byKind('tracking'),
    recipients: recipients.filter((value) => value.key.startsWith('name:') || !insideName(value)),
    purposes: byKind('purpose').filter((value) => !insideName(value)),
    transfers: byKind('transfer'),
    periods,
    ages: dedupe(ages),
    condition: conditionOf(tokens, sentence),
    ...objectOf(tokens, firstAction, mentioned.map((mention) => mention.words).join(' ')),
    lemmas: tokens.map((token) => token.lemma),
    negatedWords: tokens.filter((token) => token.negated).map((token) => token.text.toLowerCase()),
    processing: actions.length > 0 || listed !== undefined,
  };
  if (listed) fact.listed = listed;
  return fact;
}

function dedupe(values: FactValue[]): FactValue[] {
  return [...new Map(values.map((value) => [value.key, value])).values()];
}

/**
 * Named parties in the recipient slot: a proper name after a verb of sharing and one of
 * "to / with / by", an apposition ("our vendor, Acoustic") or a coordination ("Google or
 * Microsoft"); or the name an item of a list of recipients starts with. People, places,
 * dates and words of the vocabulary are not parties.
 */
function namedParties(sentence: ReadSentence, firstShare: number, listed: 'recipients' | 'data' | undefined, cell: string | undefined): FactValue[] {
  const { tokens } = sentence;
  const parties: FactValue[] = [];
  const inEntity = (index: number) => sentence.entities.some((entity) => index >= entity.first && index <= entity.last && /DATE|TIME|EMAIL|URL|CARDINAL|ORDINAL/.test(entity.type));
  const accept = (name: string) => {
    const clean = name.replace(/[\s,.;:]+$/, '').trim();
    if (clean.length < 2 || !/^\p{Lu}/u.test(clean)) return;
    // "Technical & Interaction Data", "DPF Principles": words of the vocabulary, not a party.
    if (mentions(clean).some((mention) => mention.words.length >= clean.length - 2 || (!listed && /data|tracking|transfer/.test(mention.concept.kind)))) return;
    if (isPlace(clean)) return;
    parties.push({ key: `name:${clean}`, label: clean, ...(mayBePersonName(clean) ? { person: true } : {}) });
  };
  if (listed === 'recipients') {
    // "Metronome | Billing | United States", "CIRA", "Leanplum (mobile marketing)".
    // "Technical & Interaction Data: Firefox sends ...": a labelled item, not a party.
    if (!cell && /^[^:.]{1,60}:\s*\S/.test(sentence.text) && !/^[^:]*\|/.test(sentence.text)) return parties;
    if (!cell && /:\s*$/.test(sentence.text)) return parties;
    const head = (cell ?? sentence.text).split(/\s+\|\s+|\s+[-–—]\s+|:|\(/)[0]!.trim();
    if (head.split(/\s+/).length <= 6) accept(head);
    return parties;
  }
  if (firstShare < 0) return parties;
  let index = firstShare + 1;
  while (index < tokens.length) {
    const token = tokens[index]!;
    // The recipient slot ends with the clause: a new verb, a conjunction that opens a clause, a stop.
    const opensClause = token.pos === 'VERB' && !actionOf(token.lemma) && /^(PRON|AUX)$/.test(tokens[index - 1]?.pos ?? '');
    if (token.pos === 'SCONJ' || /^[.;:!?]+$/.test(token.text) || opensClause) break;
    if (!isNameToken(tokens, index) || inEntity(index)) {
      index++;
      continue;
    }
    let end = index;
    while (end + 1 < tokens.length && (isNameToken(tokens, end + 1) || (/^(&|of|\.)$/.test(tokens[end + 1]!.text) && isNameToken(tokens, end + 2))) && !inEntity(end + 1)) end++;
    let previous = index - 1;
    while (previous > firstShare && (tokens[previous]!.pos === 'DET' || tokens[previous]!.pos === 'PRON')) previous--;
    const lead = tokens[previous]!;
    const apposition = lead.text === ',' && isRecipientWord(tokens, previous);
    if (recipientLead.has(lead.lemma) || apposition || (coordination.has(lead.lemma) && parties.length > 0)) accept(tokens.slice(index, end + 1).map((token) => token.text).join(' ').replace(/ \. /g, '.').replace(/ ([,.])/g, '$1'));
    index = end + 1;
  }
  return parties;
}

/**
 * A word of a name: a proper noun, or a capitalised word inside the sentence that the tagger
 * read otherwise ("with Braze", a company named after a verb).
 */
function isNameToken(tokens: Token[], index: number): boolean {
  const token = tokens[index];
  if (!token) return false;
  return token.pos === 'PROPN' || (index > 0 && /^\p{Lu}/u.test(token.text) && /^(NOUN|VERB|ADJ|X)$/.test(token.pos));
}

/** Is the word before a comma a recipient word ("our email vendor, Acoustic")? */
function isRecipientWord(tokens: Token[], comma: number): boolean {
  const before = tokens.slice(Math.max(0, comma - 3), comma).map((token) => token.text).join(' ');
  return mentions(before).some((mention) => mention.concept.kind === 'recipient');
}

const places = new Set(
  'united states|united kingdom|european union|european economic area|eea|eu|uk|us|usa|u.s.|emea|canada|france|germany|ireland|netherlands|switzerland|japan|india|singapore|australia|brazil|california|colorado|connecticut|utah|virginia|texas|oregon|europe|asia'.split('|'),
);
/** Places and jurisdictions are where data goes or rights apply, not who receives it. */
function isPlace(name: string): boolean {
  return places.has(name.toLowerCase()) || name.split(/\s*\/\s*/).every((part) => places.has(part.toLowerCase()));
}

/** Content words of a condition clause: from "if / unless / when / only / except" to the clause's end. */
function conditionOf(tokens: Token[], sentence: ReadSentence): string[] {
  const words: string[] = [];
  let inside = false;
  for (const [index, token] of tokens.entries()) {
    if (sentence.entities.some((entity) => index >= entity.first && index <= entity.last)) continue;
    if (!inside && conditionWords.has(token.lemma) && (token.pos === 'SCONJ' || token.pos === 'ADV' || token.pos === 'ADP')) {
      inside = true;
      continue;
    }
    // The clause ends at a comma, or where the main clause starts without one ("if you subscribe we will share").
    if (inside && (token.text === ',' || token.text === ';' || (token.lemma === 'we' && /^(AUX|VERB)$/.test(tokens[index + 1]?.pos ?? '')))) inside = false;
    if (inside && token.pos === 'VERB' && !/^(be|have|do|use|make|get)$/.test(token.lemma) && !actionOf(token.lemma)) words.push(`to ${token.lemma}`);
    if (inside && (token.pos === 'NOUN' || token.pos === 'PROPN') && token.lemma.length > 2 && !frameNouns.has(token.lemma)) {
      // "criminal activity": a noun with the adjectives before it.
      let first = index;
      while (first > 0 && tokens[first - 1]!.pos === 'ADJ') first--;
      words.push([...tokens.slice(first, index).map((word) => word.lemma), token.lemma].join(' '));
    }
  }
  return words;
}

/** "sell or share": a verb the tagger read as a noun, coordinated with a verb of processing. */
function coordinatedWithAction(tokens: Token[], index: number): boolean {
  // The two words before, punctuation aside: read backwards, not by copying the sentence up to each word.
  let link: Token | undefined;
  let verb: Token | undefined;
  for (let at = index - 1; at >= 0 && !verb; at--) {
    if (tokens[at]!.pos === 'PUNCT') continue;
    if (link) verb = tokens[at];
    else link = tokens[at];
  }
  return link?.pos === 'CCONJ' && verb?.pos === 'VERB' && actionOf(verb.lemma) !== undefined;
}

/** The subject word before a verb ("you" in "you may delete"), skipping auxiliaries and adverbs. */
function subjectOf(tokens: Token[], verb: number): string | undefined {
  for (let index = verb - 1; index >= 0; index--) {
    const token = tokens[index]!;
    if (token.pos === 'AUX' || token.pos === 'ADV' || token.pos === 'PART') continue;
    return token.text.toLowerCase().replace(/['’]re$/, '');
  }
  return undefined;
}

/**
 * What an action is done to: the direct object after the verb (up to the first preposition
 * other than "of", or a clause), or the subject before it when passive. Nouns that a
 * vocabulary concept already names are left to the concept.
 */
function objectOf(tokens: Token[], verb: number, known: string): { objects: string[]; objectPhrase: string } {
  if (verb < 0) return { objects: [], objectPhrase: '' };
  const passive = tokens[verb - 1]?.pos === 'AUX' && /^(be|is|are|was|were|been|being)$/.test(tokens[verb - 1]!.text.toLowerCase());
  const span = passive ? tokens.slice(0, verb - 1) : tokens.slice(verb + 1);
  const taken: Token[] = [];
  // "capture and analyze a clip": the object follows the last coordinated verb.
  let start = 0;
  while (!passive && span[start]?.pos === 'CCONJ' && span[start + 1]?.pos === 'VERB') start += 2;
  // "sends Mozilla the categories": the indirect object is the recipient, the data follows.
  if (!passive && (span[start]?.pos === 'PROPN' || span[start]?.pos === 'PRON') && span[start + 1]?.pos === 'DET') start += 1;
  for (const token of span.slice(start)) {
    if (!passive && taken.length > 0 && ((token.pos === 'ADP' && token.lemma !== 'of') || token.pos === 'SCONJ' || objectEnd.has(token.text))) break;
    if (!passive && taken.length === 0 && (token.pos === 'ADP' || token.pos === 'PUNCT')) break;
    taken.push(token);
  }
  const objects = taken
    .filter((token) => (token.pos === 'NOUN' || token.pos === 'PROPN') && token.lemma.length > 2 && !frameNouns.has(token.lemma) && /^\p{Ll}/u.test(token.text) && !known.includes(token.text.toLowerCase()))
    .map((token) => token.lemma);
  return { objects, objectPhrase: taken.map((token) => token.text).join(' ').replace(/ ([,.;:)])/g, '$1').replace(/ - /g, '-').replace(/[\s,.;:]+$/, '') };
}

/** Split a block's text into sentences (the language model's boundaries). */
export function splitSentences(text: string): string[] {
  return readSentences(text).map((sentence) => sentence.text);
}

/** A fact flattened to kind and term, for readers that only need to know what is mentioned. */
export interface Fact {
  kind: string;
  term: string;
}

/** The concepts and named parties one sentence mentions (history import reads these). */
export function factsOf(sentence: string): Fact[] {
  return mentions(sentence).map((mention) => ({ kind: mention.concept.kind, term: mention.words }));
}
