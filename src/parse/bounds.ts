import type { Root } from 'mdast';
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.ts';

/**
 * The limits that keep the work on any input bounded. The Markdown parser (micromark) is
 * superlinear on some shapes: deep containers, and inline markup it must match pairwise
 * (`[a](` repeated, `*a_` repeated). A linear scan refuses those before parsing; the node
 * count and tree depth are checked after parsing, for what the scan cannot predict.
 * Even within them, micromark spends about 0.1 ms on each markup character of dense markup
 * (10 times its cost on prose), hence a limit for the file too.
 * Real policies stay far below each limit (the largest in the corpus: 646 nodes, nesting 9,
 * 1,150 markup characters in a file (270 of them table pipes) and 34 in one paragraph, 101
 * list items, 383 lines, each under 2,000 characters).
 */
export const limits = {
  /** Characters in one line. */
  lineLength: 10_000,
  /** Lines in one file: the parser spends up to 0.1 ms on a line, even inside a code block. */
  lines: 10_000,
  /** Lists and quotes inside each other, or YAML collections inside each other. */
  nestingDepth: 32,
  /** Markup characters (`*`, `_`, `[`, `]`, `(`, `)`, backticks, `~`, `<`, `|`) in one paragraph. */
  paragraphMarkup: 200,
  /** Markup characters in one file, outside code and front matter. */
  fileMarkup: 5_000,
  /** List items in one file (the parser's work on a list grows with the square of its items). */
  listItems: 1_000,
  /** Nodes in one file's Markdown tree. */
  markdownNodes: 50_000,
  /** Depth of one file's Markdown tree (containers and inline nodes). */
  markdownDepth: 100,
  /** Nodes in one YAML block (the front matter or a declaration block). */
  yamlNodes: 20_000,
};

/** True for the characters that may open or close inline Markdown constructs. */
function isMarkup(code: number): boolean {
  // * _ [ ] ( ) ` ~ < |  (a table row costs the parser about 0.4 ms)
  return code === 42 || code === 95 || code === 91 || code === 93 || code === 40 || code === 41 || code === 96 || code === 126 || code === 60 || code === 124;
}

const markupNames = '`*`, `_`, `[`, `]`, `(`, `)`, backticks, `~`, `<`, `|`';
const listMarker = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const fence = /^(`{3,}|~{3,})/;

/**
 * Scan Markdown text once, before parsing it, for the limits the parser cannot bear: line
 * length, nesting of lists and quotes, and markup in one paragraph. Each limit exceeded is
 * reported once, at its first place. Returns false when the text must not be parsed.
 * Linear in the text.
 */
export function checkMarkdownBounds(file: VFile, text: string): boolean {
  let within = true;
  let longLine = false;
  let deep = false;
  let busy = false;
  let line = 1;
  let start = 0;
  let fenceMarker = '';
  let markup = 0;
  let total = 0;
  let items = 0;
  let manyItems = false;
  let paragraphStart: Point | undefined;
  // Front matter is YAML, scanned by the YAML parser's own limits.
  let frontMatter = /^---\r?$/.test(text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n')));
  while (start <= text.length) {
    if (line > limits.lines) {
      report(file, 'too-many-nodes', `The file has more than ${limits.lines.toLocaleString('en')} lines, the limit for one file`, { line, column: 1 });
      return false;
    }
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const length = end - start - (text.charCodeAt(end - 1) === 13 ? 1 : 0);
    if (!longLine && length > limits.lineLength) {
      longLine = true;
      within = false;
      report(file, 'line-too-long', `This line has ${length.toLocaleString('en')} characters, over the limit of ${limits.lineLength.toLocaleString('en')}`, { start: { line, column: limits.lineLength + 1 }, end: { line, column: length + 1 } });
    }
    // Container prefix: quote markers, list markers and indentation (two columns a level).
    let at = start;
    let depth = 0;
    let spaces = 0;
    let item = false;
    for (;;) {
      const code = text.charCodeAt(at);
      if (at < end && (code === 32 || code === 9)) {
        spaces += code === 9 ? 4 : 1;
        at++;
        continue;
      }
      if (at < end && code === 62) {
        depth++;
        at++;
        continue;
      }
      const marker = at < end ? listMarker.exec(text.slice(at, Math.min(end, at + 12))) : null;
      if (marker) {
        depth++;
        item = true;
        at += marker[0].length;
        continue;
      }
      break;
    }
    depth += Math.floor(spaces / 2);
    if (!deep && depth > limits.nestingDepth) {
      deep = true;
      within = false;
      report(file, 'nesting-too-deep', `Lists or quotes are nested ${depth} levels deep here, over the limit of ${limits.nestingDepth}`, { line, column: 1 });
    }
    const rest = text.slice(at, Math.min(end, at + 4));
    const opens = fence.exec(rest.trimStart());
    if (frontMatter) {
      if (line > 1 && /^(---|\.\.\.)\s*$/.test(text.slice(start, end))) frontMatter = false;
    } else if (fenceMarker !== '') {
      if (opens && opens[1]![0] === fenceMarker) fenceMarker = '';
    } else if (opens) {
      fenceMarker = opens[1]![0]!;
      markup = 0;
    } else {
      // A new paragraph starts after a blank line, at a list item, a heading or a table row
      // (a cell is parsed on its own). Quote markers and indentation may continue one.
      const blank = at >= end || text.slice(at, end).trim() === '';
      const code = text.charCodeAt(at);
      if (item && ++items > limits.listItems && !manyItems) {
        manyItems = true;
        within = false;
        report(file, 'too-many-nodes', `The file has more than ${limits.listItems.toLocaleString('en')} list items, the limit for one file`, { line, column: 1 });
      }
      if (blank || item || code === 35 || code === 124) {
        markup = 0;
        paragraphStart = undefined;
      }
      if (!blank) paragraphStart ??= { line, column: 1 };
      for (let index = at; index < end && !busy; index++) {
        if (!isMarkup(text.charCodeAt(index))) continue;
        if (++markup > limits.paragraphMarkup) {
          busy = true;
          report(file, 'too-many-nodes', `This paragraph has more than ${limits.paragraphMarkup.toLocaleString('en')} markup characters (${markupNames}), the limit for one paragraph`, { start: paragraphStart ?? { line, column: 1 }, end: { line, column: index - start + 1 } });
        } else if (++total > limits.fileMarkup) {
          busy = true;
          report(file, 'too-many-nodes', `The file has more than ${limits.fileMarkup.toLocaleString('en')} markup characters (${markupNames}) outside code and front matter, the limit for one file`, { line, column: index - start + 1 });
        }
      }
      if (busy) within = false;
    }
    line++;
    start = end + 1;
  }
  return within;
}

/**
 * Count the nodes and depth of a parsed Markdown tree without recursion, reporting
 * `too-many-nodes` or `nesting-too-deep` at the first node over a limit. Returns false when
 * the tree is too large to work on.
 */
export function checkTreeBounds(file: VFile, tree: Root): boolean {
  let count = 0;
  const stack: { node: { children?: unknown[] | undefined; position?: { start: Point } | undefined }; depth: number }[] = [{ node: tree, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    count++;
    const place = node.position?.start ?? { line: 1, column: 1 };
    if (count > limits.markdownNodes) {
      report(file, 'too-many-nodes', `The Markdown has more than ${limits.markdownNodes.toLocaleString('en')} elements (paragraphs, list items, links, emphasis, ...), the limit for one file`, place);
      return false;
    }
    if (depth > limits.markdownDepth) {
      report(file, 'nesting-too-deep', `Markdown elements are nested more than ${limits.markdownDepth} levels deep here, the limit`, place);
      return false;
    }
    for (const child of node.children ?? []) stack.push({ node: child as (typeof stack)[number]['node'], depth: depth + 1 });
  }
  return true;
}

/**
 * Scan YAML text before parsing it: nesting of flow (`[`, `{`) and block collections (by
 * indentation and `- ` markers), and line length. Reports at the first place over a limit,
 * given as an offset into `text`; returns false when the YAML must not be parsed. Linear.
 */
export function yamlBoundsProblem(text: string): { rule: 'nesting-too-deep' | 'line-too-long' | 'too-many-nodes'; offset: number; reason: string } | undefined {
  // Each line, and each comma of a flow collection, holds at most a value or two: far more
  // than the node limit would only be refused after an expensive parse.
  let pieces = 0;
  let flow = 0;
  let quote = 0;
  let lineStart = 0;
  let indent = 0;
  let markers = 0;
  let inIndent = true;
  for (let index = 0; index <= text.length; index++) {
    const code = index < text.length ? text.charCodeAt(index) : 10;
    if (code === 10 || code === 44) {
      if (++pieces > 2 * limits.yamlNodes) return { rule: 'too-many-nodes', offset: index, reason: `The YAML has more than ${(2 * limits.yamlNodes).toLocaleString('en')} lines and list items, over the limit for one block` };
    }
    if (code === 10) {
      if (index - lineStart > limits.lineLength) return { rule: 'line-too-long', offset: lineStart + limits.lineLength, reason: `This line has ${(index - lineStart).toLocaleString('en')} characters, over the limit of ${limits.lineLength.toLocaleString('en')}` };
      lineStart = index + 1;
      indent = 0;
      markers = 0;
      inIndent = true;
      // Plain and single-line quoted scalars end with the line; flow collections do not.
      if (flow === 0) quote = 0;
      continue;
    }
    if (inIndent) {
      if (code === 32) {
        indent++;
        continue;
      }
      if (code === 45 && (text.charCodeAt(index + 1) === 32 || index + 1 >= text.length || text.charCodeAt(index + 1) === 10)) {
        markers++;
        continue;
      }
      inIndent = false;
      if (Math.floor(indent / 2) + markers > limits.nestingDepth) return { rule: 'nesting-too-deep', offset: index, reason: `YAML collections are nested more than ${limits.nestingDepth} levels deep here, the limit` };
    }
    if (quote !== 0) {
      if (code === quote) quote = 0;
      else if (code === 92 && quote === 34) index++;
      continue;
    }
    if (code === 34 || code === 39) quote = code;
    else if (code === 35 && (index === 0 || text.charCodeAt(index - 1) === 32)) {
      // A comment: skip to the end of the line.
      const next = text.indexOf('\n', index);
      index = (next === -1 ? text.length : next) - 1;
    } else if (code === 91 || code === 123) {
      flow++;
      if (flow + Math.floor(indent / 2) + markers > limits.nestingDepth) return { rule: 'nesting-too-deep', offset: index, reason: `YAML collections are nested more than ${limits.nestingDepth} levels deep here, the limit` };
    } else if ((code === 93 || code === 125) && flow > 0) flow--;
  }
  return undefined;
}
