// The term patterns (src/classify/term-pattern.ts: ASCII, grouped by first character, with
// stand-ins for characters outside ASCII) against the Unicode patterns they replaced, kept here
// as the reference: on generated texts made of the vocabulary's own pieces and of the characters
// the look-arounds and the Unicode flag treat specially, and on every corpus and bench text, they
// must find the same mentions (concept, words, place), and answer the same to "does this text
// mention this concept / use this action?".
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { namesWholeWord, startsWord, termPattern, wordStartsOf } from '../src/classify/term-pattern.ts';
import { concepts, foldForMatching, mentionsConceptFolded, mentionsFolded, usesAction, type Concept } from '../src/classify/vocabulary.ts';

// ---- The reference: the patterns vocabulary.ts used before the scan ----

const escape = (term: string) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[ -]/g, '[ -]?');
const matched = concepts.filter((concept) => concept.kind !== 'action');
const allTermsPattern = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[...new Set(matched.flatMap((concept) => concept.terms))].sort((a, b) => b.length - a.length).map(escape).join('|')})(?:e?s)?(?![\\p{L}\\p{N}])`,
  'gu',
);
const termConcept = new Map<string, Concept>();
for (const concept of matched) for (const term of concept.terms) termConcept.set(term.replace(/[ -]/g, ''), concept);
function conceptOfWords(words: string): Concept | undefined {
  const key = words.replace(/[ -]/g, '');
  return termConcept.get(key) ?? termConcept.get(key.replace(/s$/, '')) ?? termConcept.get(key.replace(/es$/, ''));
}
function referenceMentions(folded: string): { id: string; words: string; index: number }[] {
  const found: { id: string; words: string; index: number }[] = [];
  for (const match of folded.matchAll(allTermsPattern)) {
    const concept = conceptOfWords(match[0]);
    if (concept) found.push({ id: concept.id, words: match[0], index: match.index });
  }
  return found;
}
const conceptPatterns = new Map(
  matched.map((concept) => [concept.id, new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...concept.terms].sort((a, b) => b.length - a.length).map(escape).join('|')})(?:e?s)?(?![\\p{L}\\p{N}])`, 'gu')]),
);
function referenceMentionsConcept(folded: string, id: string): boolean {
  const pattern = conceptPatterns.get(id)!;
  pattern.lastIndex = 0;
  return pattern.test(folded);
}
const irregular: Record<string, string[]> = { send: ['sent'], keep: ['kept'], sell: ['sold'], hold: ['held'], see: ['seen', 'saw'], make: ['made'] };
const actions = concepts.filter((concept) => concept.kind === 'action');
const actionPatterns = new Map(
  actions.map((concept) => {
    const forms = concept.terms.flatMap((term) => {
      const [verb, ...rest] = term.split(' ');
      const stem = verb!.replace(/e$/, '');
      const tail = rest.length > 0 ? ` ${rest.join(' ')}` : '';
      return [`${verb}${tail}`, `${verb}s${tail}`, `${stem}ed${tail}`, `${stem}ing${tail}`, `${verb}d${tail}`, ...(irregular[verb!] ?? []).map((form) => `${form}${tail}`)];
    });
    return [concept.id, new RegExp(`(?<![\\p{L}])(?:${forms.map(escape).join('|')})(?![\\p{L}])`, 'u')] as const;
  }),
);

const scanMentions = (folded: string) => mentionsFolded(folded).map((mention) => ({ id: mention.concept.id, words: mention.words, index: mention.index }));

// ---- Generated texts ----

/** Pieces of text: the vocabulary's terms and their words, plural endings, separators, and characters the look-arounds read specially. */
const allTerms = [...new Set(concepts.flatMap((concept) => concept.terms))];
const termWords = [...new Set(allTerms.flatMap((term) => term.split(/[ -]/)))];
const odd = [' ', '-', '  ', ' - ', "'", 's', 'es', 'e', '\n', '.', ',', '3', '1', 'x', 'é', 'ß', 'ª', '²', '٣', '_', '\u{1d400}', '\ud835', '\udc00', '\u00a0', 'É', 'A', 'ing', 'ed', 'd'];
const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...allTerms) },
  { weight: 3, arbitrary: fc.constantFrom(...termWords) },
  { weight: 2, arbitrary: fc.constantFrom(...allTerms).map((term) => term.replace(/ /g, '-')) },
  { weight: 1, arbitrary: fc.constantFrom(...allTerms).map((term) => term.replace(/[ -]/g, '')) },
  { weight: 4, arbitrary: fc.constantFrom(...odd) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
);
const text = fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join(''));
const spaced = fc.array(piece, { maxLength: 20 }).map((pieces) => pieces.join(' '));
const runs = { numRuns: 1500 };

describe('the term patterns find what the Unicode patterns found', () => {
  it('every mention of every concept, on generated texts', () => {
    fc.assert(
      fc.property(fc.oneof(text, spaced), (input) => {
        expect(scanMentions(input)).toEqual(referenceMentions(input));
      }),
      runs,
    );
  });

  it('whether a text mentions a concept, on generated texts', () => {
    fc.assert(
      fc.property(fc.oneof(text, spaced), fc.constantFrom(...matched.map((concept) => concept.id)), (input, id) => {
        expect(mentionsConceptFolded(input, id)).toBe(referenceMentionsConcept(input, id));
      }),
      runs,
    );
  });

  it('whether a text uses an action, on generated texts', () => {
    const actionPieces = actions.flatMap((concept) => concept.terms.flatMap((term) => [term, `${term}s`, `${term.replace(/e$/, '')}ed`, `${term.replace(/e$/, '')}ing`, 'sent', 'kept', 'sold']));
    const actionText = fc.array(fc.oneof(fc.constantFrom(...actionPieces), fc.constantFrom(...odd), piece), { maxLength: 12 }).map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(fc.oneof(actionText, text), fc.constantFrom(...actions.map((concept) => concept.id)), (input, id) => {
        expect(usesAction(input, id)).toBe(actionPatterns.get(id)!.test(input));
      }),
      runs,
    );
  });

  it('every mention in every corpus and bench text, folded and as written', () => {
    const files = [
      ...readdirSync('../shared/bench-texts').filter((name) => name.endsWith('.md')).map((name) => join('../shared/bench-texts', name)),
      ...readdirSync('../shared/corpus', { withFileTypes: true }).filter((entry) => entry.isDirectory()).flatMap((entry) => readdirSync(join('../shared/corpus', entry.name)).filter((name) => name.endsWith('.md')).map((name) => join('../shared/corpus', entry.name, name))),
    ];
    expect(files.length).toBeGreaterThan(40);
    let total = 0;
    for (const file of files) {
      const raw = readFileSync(file, 'utf8');
      for (const input of [foldForMatching(raw), raw]) {
        const expected = referenceMentions(input);
        expect(scanMentions(input), file).toEqual(expected);
        total += expected.length;
      }
      const folded = foldForMatching(raw);
      for (const { id } of matched) expect(mentionsConceptFolded(folded, id), `${file} ${id}`).toBe(referenceMentionsConcept(folded, id));
      for (const { id } of actions) expect(usesAction(folded, id), `${file} ${id}`).toBe(actionPatterns.get(id)!.test(folded));
    }
    expect(total).toBeGreaterThan(1000);
  });
});

describe('termPattern', () => {
  const find = (terms: string[], input: string, plural = true) => termPattern(terms, { plural, digits: true }).matchAll(input).map((match) => match.words);

  it('lets a space or hyphen of a term be one space, one hyphen or nothing, and nothing else', () => {
    expect(find(['e-mail address'], 'e-mail address, e mail-address, emailaddress, e  mail address, email address')).toEqual(['e-mail address', 'e mail-address', 'emailaddress', 'email address']);
    expect(find(['email'], 'e-mail')).toEqual([]);
  });

  it('takes a plural ending only at the end of a word, and whole words only', () => {
    expect(find(['address'], 'addresses addressing address2 2address addressed address.')).toEqual(['addresses', 'address']);
    expect(find(['address'], 'addresses', false)).toEqual([]);
  });

  it('prefers the first term in its order at each place, and resumes after it', () => {
    expect(find(['email address', 'email'], 'email address')).toEqual(['email address']);
    expect(find(['email', 'email address'], 'email address')).toEqual(['email']);
    expect(find(['personal data', 'data', 'pdata'], 'personal data, pdata')).toEqual(['personal data', 'pdata']);
  });

  it('reads letters and digits outside ASCII, and pairs of surrogates, as the Unicode flag does', () => {
    expect(find(['mail'], 'émail mail\u{1d400} \u{1d400}mail \ud835mail mail² mail•')).toEqual(['mail', 'mail']);
    expect(termPattern(['mail'], { plural: false, digits: false }).matchAll('mail2 2mail mail²').length).toBe(3);
    expect(termPattern(['mail'], { plural: false, digits: true }).matchAll('émail', ).map((match) => match.index)).toEqual([]);
    expect(termPattern(['mail'], { plural: false, digits: true }).matchAll('é mail').map((match) => match.index)).toEqual([2]);
  });

  it('matches terms outside ASCII with the Unicode flag', () => {
    expect(find(['café', 'ζωή'], 'café, cafés, ζωή, xcafé')).toEqual(['café', 'cafés', 'ζωή']);
    expect(find(['\u{1d400}bc'], '\u{1d400}bc \u{1d401}bc')).toEqual(['\u{1d400}bc']);
  });

  it('refuses a term it cannot read as the pattern would', () => {
    expect(() => termPattern(['data', ' data'], { plural: true, digits: true })).toThrow(/" data" cannot be matched/);
    expect(() => termPattern(['data  sharing'], { plural: true, digits: true })).toThrow(/cannot be matched/);
    expect(() => termPattern([''], { plural: true, digits: true })).toThrow(/cannot be matched/);
  });
});

describe('namesWholeWord and startsWord find what their Unicode patterns found', () => {
  const escapeName = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const referenceNames = (text: string, name: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeName(name).replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`, 'u').test(text);
  const referenceStarts = (text: string, noun: string) => new RegExp(`(?<![\\p{L}])${escapeName(noun)}`, 'u').test(text);
  const names = ['Acoustic', 'Google LLC', 'Braze', 'Müller & Co.', 'Straße', 'A.B.', 'Salesforce Marketing Cloud', 'Data (EU)', 'x', 'Zoë', 'C++', '[Inc]', ' Lead', 'Trail ', '\u{1d400}lpha', 'Ω'];
  const namePieces = fc.oneof(fc.constantFrom(...names), fc.constantFrom(...odd), fc.constantFrom(' ', '\n', '\t', '  ', 's', '2'), fc.string({ maxLength: 3 }));
  const around = fc.array(namePieces, { maxLength: 12 }).map((pieces) => pieces.join(''));

  it('a name, its spaces as any whitespace, between non-letters', () => {
    fc.assert(
      fc.property(around, fc.oneof(fc.constantFrom(...names), fc.string({ minLength: 1, maxLength: 5 })), (text, name) => {
        expect(namesWholeWord(text, name)).toBe(referenceNames(text, name));
      }),
      runs,
    );
    expect(namesWholeWord('We use Google  LLC.', 'Google LLC')).toBe(true);
    expect(namesWholeWord('We use Google LLCs.', 'Google LLC')).toBe(false);
    expect(namesWholeWord('AcousticAcoustic Acoustic2 Acoustic', 'Acoustic')).toBe(true);
    expect(namesWholeWord('AcousticAcoustic Acoustic2 éAcoustic', 'Acoustic')).toBe(false);
    // The only whole-word place overlaps one that is not.
    expect(namesWholeWord('xa-a-a', 'a-a')).toBe(true);
  });

  it('a noun at the start of a word', () => {
    fc.assert(
      fc.property(around, fc.oneof(fc.constantFrom(...termWords), fc.string({ maxLength: 4 })), (text, noun) => {
        expect(startsWord(text, noun)).toBe(referenceStarts(text, noun));
      }),
      runs,
    );
    expect(startsWord('the categories of searches', 'search')).toBe(true);
    expect(startsWord('research', 'search')).toBe(false);
    expect(startsWord('2search', 'search')).toBe(true);
    expect(startsWord('\u{1d400}search ésearch', 'search')).toBe(false);
  });

  it('every place a noun starts a word, overlapping ones too', () => {
    const reference = (text: string, noun: string) => [...Array(text.length + 1).keys()].filter((at) => text.startsWith(noun, at) && !/\p{L}$/u.test(text.slice(0, at)));
    fc.assert(
      fc.property(around, fc.oneof(fc.constantFrom(...termWords, 'aa', 'a-a'), fc.string({ minLength: 1, maxLength: 3 })), (text, noun) => {
        fc.pre(!/[\ud800-\udfff]/.test(noun));
        expect(wordStartsOf(text, noun)).toEqual(reference(text, noun));
      }),
      runs,
    );
    expect(wordStartsOf(' aaa', 'aa')).toEqual([1]);
    expect(wordStartsOf('a-a-a', 'a-a')).toEqual([0, 2]);
    expect(wordStartsOf('x', '')).toBeUndefined();
    expect(wordStartsOf('x', '\u{1d400}')).toBeUndefined();
  });
});
