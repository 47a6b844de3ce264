/**
 * Whole-word patterns of a list of terms: what `(?<!W)(?:t1|t2|...)(?:e?s)?(?!W)` finds with the
 * Unicode flag, where W is a letter (or a letter or digit), each space or hyphen of a term is
 * `[ -]?`, and the first term in the list wins at each place. Built without the Unicode flag
 * when the terms are ASCII: letters and digits outside ASCII are read as ASCII stand-ins of the
 * same kind and length, which no term holds; and the alternatives are grouped by first character.
 *
 * Why: in a process that runs the pattern of every vocabulary term once over a 100 KB policy,
 * building and running it with Unicode look-arounds cost about half as much again as the ASCII
 * form does, and a flat list of ~300 alternatives is tried one by one at each word.
 */

/** Options of {@link termPattern}. */
export interface TermPatternOptions {
  /** A term may take the ending "s" or "es". */
  plural: boolean;
  /** Digits are word characters at a term's edges, not only letters. */
  digits: boolean;
}

/** The matches of a term pattern in a text, as the pattern with the Unicode flag gives them. */
export interface TermPattern {
  /** Every match, in order (index and words as written). */
  matchAll(text: string): { index: number; words: string }[];
  /** Is there any match? */
  test(text: string): boolean;
}

/** The text as a regular expression that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A term as a pattern: each space or hyphen is either, or nothing. */
const escape = (term: string) => escapeRegExp(term).replace(/[ -]/g, '[ -]?');

/** The alternatives, in order, grouped by first character: only one group can match at a place, and within it the order is kept. */
function alternation(terms: readonly string[]): string {
  const groups = new Map<string, string[]>();
  for (const term of terms) {
    const first = String.fromCodePoint(term.codePointAt(0)!);
    const rests = groups.get(first);
    if (rests) rests.push(term.slice(first.length));
    else groups.set(first, [term.slice(first.length)]);
  }
  return [...groups].map(([first, rests]) => `${escape(first)}(?:${rests.map(escape).join('|')})`).join('|');
}

/** Stand-ins for characters outside ASCII: a word character, and any other; no term may hold them. */
const wordStandIn = 'Z';
const otherStandIn = '#';
const outsideAscii = /[^\x00-\x7f]/;
const letterOrDigit = /^[\p{L}\p{N}]$/u;
const letter = /^\p{L}$/u;

/**
 * The pattern of these terms, in this order of preference. A term must not be empty, start or
 * end with a space or hyphen, or hold two in a row (each stands for one optional character).
 */
export function termPattern(terms: readonly string[], options: TermPatternOptions): TermPattern {
  for (const term of terms) {
    if (term === '' || /^[ -]|[ -]$|[ -][ -]/.test(term)) throw new Error(`The term "${term}" cannot be matched: it must not be empty, start or end with a space or hyphen, or hold two in a row.`);
  }
  const ending = options.plural ? '(?:e?s)?' : '';
  const ascii = terms.every((term) => !outsideAscii.test(term) && !term.includes(wordStandIn) && !term.includes(otherStandIn));
  let pattern: RegExp | undefined;
  const compiled = () => {
    if (pattern) return pattern;
    const word = ascii ? (options.digits ? 'a-zA-Z0-9' : 'a-zA-Z') : options.digits ? '\\p{L}\\p{N}' : '\\p{L}';
    pattern = new RegExp(`(?<![${word}])(?:${alternation(terms)})${ending}(?![${word}])`, ascii ? 'g' : 'gu');
    return pattern;
  };
  /** The text the ASCII pattern reads: each character outside ASCII (a code point, one or two units) as stand-ins of its length. */
  const readable = (text: string) => {
    if (!ascii || !outsideAscii.test(text)) return text;
    const classes = options.digits ? letterOrDigit : letter;
    return text.replace(/[\ud800-\udbff][\udc00-\udfff]|[^\x00-\x7f]/g, (char) => (classes.test(char) ? wordStandIn : otherStandIn).repeat(char.length));
  };
  return {
    matchAll(text) {
      const found: { index: number; words: string }[] = [];
      // A match holds only characters of its term and ending, which the stand-ins never replace: its words are the text's.
      for (const match of readable(text).matchAll(compiled())) found.push({ index: match.index, words: match[0] });
      return found;
    },
    test(text) {
      const regex = compiled();
      regex.lastIndex = 0;
      return regex.test(readable(text));
    },
  };
}

/** Is the ASCII character of this code a letter, or with `digits` a letter or digit? */
function asciiWordChar(code: number, digits: boolean): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (digits && code >= 0x30 && code <= 0x39);
}

/**
 * Is the character (a code point, as the Unicode flag reads it) ending just before `at` a letter,
 * or with `digits` a letter or digit? What `(?<![\p{L}])` or `(?<![\p{L}\p{N}])` asks, negated.
 */
function wordCharBefore(text: string, at: number, digits: boolean): boolean {
  if (at <= 0) return false;
  const code = text.charCodeAt(at - 1);
  if (code < 0x80) return asciiWordChar(code, digits);
  const high = at >= 2 ? text.charCodeAt(at - 2) : 0;
  const char = code >= 0xdc00 && code <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? text.slice(at - 2, at) : text[at - 1]!;
  return (digits ? letterOrDigit : letter).test(char);
}

/** Is the character (a code point) starting at `at` a letter, or with `digits` a letter or digit? What `(?![\p{L}])` or `(?![\p{L}\p{N}])` asks, negated. */
function wordCharAt(text: string, at: number, digits: boolean): boolean {
  if (at >= text.length) return false;
  const code = text.charCodeAt(at);
  if (code < 0x80) return asciiWordChar(code, digits);
  return (digits ? letterOrDigit : letter).test(String.fromCodePoint(text.codePointAt(at)!));
}

/** Does the text hold a surrogate code unit? Literals with one match differently with and without the Unicode flag. */
function holdsSurrogate(text: string): boolean {
  return /[\ud800-\udfff]/.test(text);
}

/** Does the text hold the name, its spaces as any whitespace, between characters that are not letters or digits? */
export function namesWholeWord(text: string, written: string): boolean {
  const name = escapeRegExp(written).replace(/\s+/g, '\\s+');
  // A name that starts and ends with a character other than whitespace and holds no surrogate
  // matches at the same places with and without the Unicode flag, and ends at one place from
  // each start: the name is found without the flag (whose classes cost more to build than the
  // search of a 100 KB text), and its edges are read as the flag would.
  if (!/^\S(?:[^]*\S)?$/.test(written) || holdsSurrogate(written)) return new RegExp(`(?<![\\p{L}\\p{N}])${name}(?![\\p{L}\\p{N}])`, 'u').test(text);
  const pattern = new RegExp(name, 'g');
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (!wordCharBefore(text, match.index, true) && !wordCharAt(text, match.index + match[0].length, true)) return true;
    pattern.lastIndex = match.index + 1;
  }
  return false;
}

/**
 * Where the noun starts a word of the text, in order: the places `(?<!\p{L})noun` matches with
 * the Unicode flag, found with indexOf. Undefined for an empty noun or one holding a surrogate
 * (it could start inside a pair, where the Unicode flag never looks): ask {@link startsWord}.
 */
export function wordStartsOf(text: string, noun: string): number[] | undefined {
  if (noun === '' || holdsSurrogate(noun)) return undefined;
  const starts: number[] = [];
  for (let at = text.indexOf(noun); at >= 0; at = text.indexOf(noun, at + 1)) if (!wordCharBefore(text, at, false)) starts.push(at);
  return starts;
}

/** Does the noun start a word of the sentence: `(?<!\p{L})noun` with the Unicode flag, found without building that pattern when it can be? */
export function startsWord(sentence: string, noun: string): boolean {
  const starts = wordStartsOf(sentence, noun);
  return starts ? starts.length > 0 : new RegExp(`(?<![\\p{L}])${escapeRegExp(noun)}`, 'u').test(sentence);
}
