import vocabularyFile from './vocabulary.json' with { type: 'json' };
import { foldTypography } from '../diff/blocks.ts';
import { termPattern, type TermPattern } from './term-pattern.ts';

/** What a fact in a sentence is about: the slots of a processing statement. */
export type FactKind = 'data' | 'tracking' | 'recipient' | 'purpose' | 'retention' | 'condition' | 'action' | 'transfer' | 'children';

/** One concept of the vocabulary, with the published source it comes from and why it is kept. */
export interface Concept {
  id: string;
  kind: 'action' | 'data' | 'tracking' | 'recipient' | 'purpose' | 'transfer' | 'children';
  terms: string[];
  source: string;
  why: string;
}

/** Every concept of src/classify/vocabulary.json. */
export const concepts: readonly Concept[] = vocabularyFile.concepts as Concept[];

/** The published vocabularies the concepts cite. */
export const vocabularySources: Readonly<Record<string, string>> = vocabularyFile.sources;

/** Lower-case, typography folded, one space between words: the form terms are matched in. */
export function foldForMatching(text: string): string {
  return foldTypography(text.replace(/\bhttps?:\/\/\S+|\bwww\.\S+/g, ' ').toLowerCase()).replace(/\s+/g, ' ');
}

interface Matcher {
  concept: Concept;
  readonly pattern: TermPattern;
}

// The patterns are compiled on first use, not at import: at a hundred concepts that was a third
// of the start-up of `policy diff` on two plain texts, most of whose concepts are never asked about.

/** One pattern per concept: its terms whole-word, longest first, a plural allowed. */
const matchers: readonly Matcher[] = concepts
  .filter((concept) => concept.kind !== 'action')
  .map((concept) => {
    let pattern: TermPattern | undefined;
    return {
      concept,
      get pattern() {
        pattern ??= termPattern([...concept.terms].sort((a, b) => b.length - a.length), { plural: true, digits: true });
        return pattern;
      },
    };
  });

/** A concept a text mentions, and the words it was mentioned with. */
export interface Mention {
  concept: Concept;
  words: string;
  index: number;
}

/** Every term of every concept in one pattern, longest first, so one pass finds the longest term at each place. */
const termConcept = new Map<string, Concept>();
for (const { concept } of matchers) for (const term of concept.terms) termConcept.set(term.replace(/[ -]/g, ''), concept);
let allTermsPattern: TermPattern | undefined;
const allTerms = () => (allTermsPattern ??= termPattern([...new Set(matchers.flatMap(({ concept }) => concept.terms))].sort((a, b) => b.length - a.length), { plural: true, digits: true }));

function conceptOfWords(words: string): Concept | undefined {
  const key = words.replace(/[ -]/g, '');
  return termConcept.get(key) ?? termConcept.get(key.replace(/s$/, '')) ?? termConcept.get(key.replace(/es$/, ''));
}

/** The concepts (other than actions) a text mentions, in order. */
export function mentions(text: string): Mention[] {
  return mentionsFolded(foldForMatching(text));
}

/** {@link mentions} for a text already folded with {@link foldForMatching}. */
export function mentionsFolded(folded: string): Mention[] {
  const found: Mention[] = [];
  for (const { words, index } of allTerms().matchAll(folded)) {
    const concept = conceptOfWords(words);
    if (concept) found.push({ concept, words, index });
  }
  return found;
}

const matcherById = new Map(matchers.map((matcher) => [matcher.concept.id, matcher]));

/** Does a text, already folded with {@link foldForMatching}, mention this concept at all? */
export function mentionsConceptFolded(folded: string, id: string): boolean {
  const matcher = matcherById.get(id);
  return matcher ? matcher.pattern.test(folded) : false;
}

const actionConcepts = concepts.filter((concept) => concept.kind === 'action');
const actionByLemma = new Map<string, Concept>(actionConcepts.flatMap((concept) => concept.terms.filter((term) => !term.includes(' ')).map((term) => [term, concept] as const)));

/** The action concept a verb's lemma names ("disclosed" → action:share), if any. */
export function actionOf(lemma: string): Concept | undefined {
  return actionByLemma.get(lemma);
}

/** Inflected forms of an action's verbs, for finding it in unread text ("kept", "shares", "sent"). */
const irregular: Record<string, string[]> = { send: ['sent'], keep: ['kept'], sell: ['sold'], hold: ['held'], see: ['seen', 'saw'], make: ['made'] };
const actionConceptById = new Map(actionConcepts.map((concept) => [concept.id, concept]));
const actionPatterns = new Map<string, TermPattern>();

/** The pattern of an action's verb forms, compiled on first use. */
function actionPattern(concept: Concept): TermPattern {
  let pattern = actionPatterns.get(concept.id);
  if (pattern) return pattern;
  const forms = concept.terms.flatMap((term) => {
    const [verb, ...rest] = term.split(' ');
    const stem = verb!.replace(/e$/, '');
    const tail = rest.length > 0 ? ` ${rest.join(' ')}` : '';
    return [`${verb}${tail}`, `${verb}s${tail}`, `${stem}ed${tail}`, `${stem}ing${tail}`, `${verb}d${tail}`, ...(irregular[verb!] ?? []).map((form) => `${form}${tail}`)];
  });
  pattern = termPattern(forms, { plural: false, digits: false });
  actionPatterns.set(concept.id, pattern);
  return pattern;
}

/** Does a (folded) text use a verb of this action in any form? */
export function usesAction(folded: string, id: string): boolean {
  const concept = actionConceptById.get(id);
  return concept ? actionPattern(concept).test(folded) : false;
}
