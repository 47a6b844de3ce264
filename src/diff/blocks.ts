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
  // Most blocks hold no markup at all: skip the passes below for them.
  if (!markup.test(line)) return line.replace(/\s+/g, ' ').trim();
  return line
    .replace(/<!--.*?-->/g, ' ')
    .replace(/<\/?[a-zA-Z][^>]*>/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/\s*\{#[^}]*\}/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, name: string) => {
      if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1)));
      return entities[name.toLowerCase()] ?? match;
    })
    .replace(/(^|[^\p{L}\p{N}*_])(\*{1,3}|_{1,3})(?=\S)/gu, '$1')
    .replace(/(?<=\S)(\*{1,3}|_{1,3})(?=$|[^\p{L}\p{N}*_])/gu, '')
    .replace(/`+/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '$1')
    .replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const typography: Record<string, string> = {};
for (const char of '\u2018\u2019\u201a\u201b\u2032`\u00b4') typography[char] = "'";
for (const char of '\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb') typography[char] = '"';
for (const char of '\u2010\u2011\u2012\u2013\u2014\u2015\u2212') typography[char] = '-';
typography['\u2026'] = '...';

/** The comparison key: case and typography folded, spaces around dashes and before punctuation dropped. */
export function foldKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032`\u00b4\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u2010-\u2015\u2212\u2026]/g, (char) => typography[char]!)
    .replace(/ ?- ?| (?=[.,;:!?])/g, (match) => (match.includes('-') ? '-' : ''));
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
  const lines = source.split(/\r?\n|\r/);
  const blocks: Block[] = [];
  let current: string[] = [];
  let start = 0;
  let inRow = false;
  let openRow = false;
  const flush = () => {
    if (current.length > 0) {
      const text = plainInline(current.join(' '));
      // Markup left alone (an empty list item, "* *") is not prose.
      if (!/^[*_\-=#|\s]*$/.test(text)) blocks.push({ text, key: foldKey(text), line: start + 1 });
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
    if (fence.test(line) && /\bpolicy\b/.test(line) && /yaml/.test(line)) {
      flush();
      while (index + 1 < lines.length && !fence.test(lines[index + 1]!)) index++;
      index++;
      continue;
    }
    line = line.replace(/^\s*(>\s?)+/, '');
    if (line.trim() === '' || rule.test(line) || tableRule.test(line) || markupOnly.test(line)) {
      flush();
      continue;
    }
    const stripped = line.replace(heading, '').replace(listItem, '');
    const own = heading.test(line) || wholeBold.test(line);
    // A table row may be wrapped over several lines, like a paragraph, even just before a `|`.
    const continuesRow = openRow && tableRow.test(line);
    if (!continuesRow && (own || listItem.test(line) || tableRow.test(line))) flush();
    if (current.length === 0) {
      start = index;
      inRow = tableRow.test(line);
    }
    openRow = inRow && !/\|\s*$/.test(line);
    current.push(stripped.replace(/\|/g, ' '));
    if (own) flush();
  }
  flush();
  return blocks;
}
