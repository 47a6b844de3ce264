/**
 * Prose as a list of blocks (paragraphs, headings, list items, table rows) with markup and
 * typographic noise removed, so that re-wrapping, re-rendered markup, curly quotes, dashes,
 * regenerated anchors and case alone never show as changes. Line-based and linear: no
 * Markdown parse, so it also reads HTML-ish text and stays fast on large policies.
 */
export interface Block {
  /** The text as a reader sees it: markup removed, whitespace collapsed. */
  text: string;
  /** What comparison uses: `text` lower-cased, typography folded. */
  key: string;
  /** Line of the block's start in its file, 1-based. */
  line: number;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', rsquo: "'", lsquo: "'", rdquo: '"', ldquo: '"', ndash: '-', mdash: '-', hellip: '...', copy: '©', reg: '®', trade: '™' };

/** Characters that may start markup, an entity, an escape or odd whitespace. */
const markup = /[<[{&*_`\\\u00a0\u2000-\u200b\u202f\u205f\u3000]/;

/** Inline markup and typography removed: what a reader of the rendered page sees. */
export function plainInline(line: string): string {
  // Most blocks hold no markup at all: skip the passes below for them, and each pass
  // below runs only when its marker character is present.
  if (!markup.test(line)) return line.replace(/\s+/g, ' ').trim();
  let text = line;
  // Each pattern stops at the next opening character, so a line of thousands of unclosed
  // `[`, `(` or `<` (a code block escapes the Markdown limits) costs linear time, not quadratic.
  // A link's destination may hold one level of balanced parentheses, as CommonMark allows.
  if (text.includes('<')) text = text.replace(/<!--(?:(?!<!--).)*?-->/g, ' ').replace(/<\/?[a-zA-Z][^<>]*>/g, ' ');
  if (text.includes('[')) text = text.replace(/!?\[([^[\]]*)\]\((?:[^()]|\([^()]*\))*\)/g, '$1').replace(/\[([^[\]]+)\]\[[^[\]]*\]/g, '$1');
  if (text.includes('{#')) text = text.replace(/\s*\{#[^}]*\}/g, '');
  if (text.includes('&')) {
    text = text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, name: string) => {
      if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1)));
      return entities[name.toLowerCase()] ?? match;
    });
  }
  // Emphasis: every * goes (a footnote star is lost on both sides alike); _ only at a word's
  // edge, so snake_case stays.
  if (text.includes('*')) text = text.replace(/\*+/g, '');
  if (text.includes('_')) text = text.replace(/(?<![\p{L}\p{N}])_{1,3}(?=\S)|(?<=\S)_{1,3}(?![\p{L}\p{N}])/gu, '');
  if (text.includes('`')) text = text.replace(/`+/g, '');
  if (text.includes('\\')) text = text.replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '$1');
  return text.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g, ' ').trim();
}

const typography: Record<string, string> = {};
for (const char of '\u2018\u2019\u201a\u201b\u2032\u02bc`\u00b4') typography[char] = "'";
for (const char of '\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb') typography[char] = '"';
for (const char of '\u2010\u2011\u2012\u2013\u2014\u2015\u2212') typography[char] = '-';
typography['\u2026'] = '...';

const typographic = new RegExp(`[${Object.keys(typography).join('')}]`, 'g');

/**
 * Typographic quotes, apostrophes, primes, dashes and the ellipsis as their ASCII forms: the one
 * fold the prose diff and the classifier share, so both see the same text as the same.
 */
export function foldTypography(text: string): string {
  return /[^\x00-\x7f]/.test(text) || text.includes('`') ? text.replace(typographic, (char) => typography[char]!) : text;
}

/** Case and typography folded, word for word: the same words as the text, for a word diff. */
export function foldWords(text: string): string[] {
  return foldTypography(text.toLowerCase()).split(' ');
}

/** The comparison key: case and typography folded, spaces around dashes and before punctuation dropped. */
export function foldKey(text: string): string {
  return foldTypography(text.toLowerCase())
    .replace(/ ?- ?| (?=[.,;:!?])/g, (match) => (match.includes('-') ? '-' : ''));
}

/** Does the text hold a letter or digit (`[\p{L}\p{N}]`)? ASCII first: the Unicode classes cost more to build than most texts need. */
function holdsWords(text: string): boolean {
  return /[a-zA-Z0-9]/.test(text) || (/[^\x00-\x7f]/.test(text) && /[\p{L}\p{N}]/u.test(text));
}

const heading = /^\s{0,3}#{1,6}(\s|$)/;
const listItem = /^\s*(?:[-*+\u2022]|\d{1,3}[.)]|[a-z][.)])\s+/;
const rule = /^\s{0,3}([-*_=])(\s*\1){2,}\s*$/;
const tableRow = /^\s*\|/;
const tableRule = /^\s*\|?[\s:|-]+\|[\s:|-]*$/;
const wholeBold = /^\s*(\*\*|__)[^*_].*(\*\*|__)\s*$/;
const fence = /^\s*(```|~~~)/;
const markupOnly = /^\s*(?:<[^>]*>\s*|<!--.*?-->\s*)+$/;

/**
 * Split a text into blocks. A block ends at a blank line, a line of markup alone (an HTML
 * tag, a rule) or the start of a heading, list item or table row; other lines continue it,
 * so re-wrapping does not matter. Front matter and ```yaml policy``` blocks are skipped:
 * declarations are compared by the structured diff.
 */
export function toBlocks(source: string): Block[] {
  return scanBlocks(source.split(/\r?\n|\r/), () => true).blocks;
}

/**
 * The blocks starting on the lines `wanted` accepts (0-based), and how many blocks start
 * elsewhere. Those are not normalised, only counted: the diff uses this to skip the
 * paragraphs two versions share line for line.
 */
export function scanBlocks(lines: readonly string[], wanted: (line: number) => boolean): { blocks: Block[]; outside: number } {
  const blocks: Block[] = [];
  let outside = 0;
  let current: string[] = [];
  let start = 0;
  let inRow = false;
  let openRow = false;
  const flush = () => {
    if (current.length > 0) {
      if (!wanted(start)) {
        // Counted only if it holds words once markup (tags, link targets) is set aside, as plainInline would.
        const joined = current.join(' ');
        if (holdsWords(/[<\]{]/.test(joined) ? joined.replace(/<[^>]*>/g, '').replace(/\]\([^)]*\)/g, ']').replace(/\{#[^}]*\}/g, '') : joined)) outside++;
      } else {
        const text = plainInline(current.join(' '));
        // Markup left alone (an empty list item, "* *") is not prose.
        if (!/^[*_\-=#|\s]*$/.test(text)) blocks.push({ text, key: foldKey(text), line: start + 1 });
      }
    }
    current = [];
    openRow = false;
  };
  let index = 0;
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((line, at) => at > 0 && (line.trim() === '---' || line.trim() === '...'));
    if (end > 0) index = end + 1;
  }
  for (; index < lines.length; index++) {
    let line = lines[index]!;
    // Most lines are plain prose: test the block patterns only when the first character could start one.
    let first = line.charCodeAt(line.search(/\S/));
    if (first === 0x3e /* > */) {
      line = line.replace(/^\s*(>\s?)+/, '');
      first = line.charCodeAt(line.search(/\S/));
    }
    if (Number.isNaN(first)) {
      flush();
      continue;
    }
    const special = !((first >= 0x61 && first <= 0x7a) || (first >= 0x41 && first <= 0x5a)) || /^\s*[a-z][.)]\s/.test(line);
    if (special) {
      if (fence.test(line) && /\bpolicy\b/.test(line) && /yaml/.test(line)) {
        flush();
        while (index + 1 < lines.length && !fence.test(lines[index + 1]!)) index++;
        index++;
        continue;
      }
      if (rule.test(line) || tableRule.test(line) || markupOnly.test(line)) {
        flush();
        continue;
      }
    }
    const isHeading = special && heading.test(line);
    const isItem = special && listItem.test(line);
    const isRow = special && tableRow.test(line);
    const own = isHeading || (special && wholeBold.test(line));
    // A table row may be wrapped over several lines, like a paragraph, even just before a `|`.
    const continuesRow = openRow && isRow;
    if (!continuesRow && (own || isItem || isRow)) flush();
    if (current.length === 0) {
      start = index;
      inRow = isRow;
    }
    openRow = inRow && !/\|\s*$/.test(line);
    const stripped = isHeading ? line.replace(heading, '') : isItem ? line.replace(listItem, '') : line;
    current.push(line.includes('|') ? stripped.replace(/\|/g, ' ') : stripped);
    if (own) flush();
  }
  flush();
  return { blocks, outside };
}
