import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, type Document, type Node } from 'yaml';
import type { VFile } from 'vfile';
import type { Position } from 'unist';
import { report } from '../diagnostics/report.ts';
import { limits, yamlBoundsProblem } from './bounds.ts';

/** A path into YAML data, as ajv's instancePath segments. */
export type DataPath = readonly (string | number)[];

/**
 * A YAML snippet embedded in a policy file (the front matter or a declaration block),
 * parsed with exact positions, so that any path into its data maps back to `file:line:col`.
 */
export interface YamlSource {
  /** The parsed value, or undefined when the YAML has errors. */
  data: unknown;
  /** Where a path's value (or with `key`, its key) is, in the whole file. */
  locate(path: DataPath, key?: boolean): Position;
  /** The source text of a path's value, as written (`1.0`, not the number 1). */
  text(path: DataPath): string;
}

/**
 * Parse YAML that starts at `startLine` (1-based) of `file`, each of its lines preceded
 * there by `indent` columns (a number for all lines, or one per line: a fenced block in a
 * list item or a quote, see {@link contentPrefixes}). Syntax errors are reported on the file
 * as `yaml-syntax`; `data` is then undefined.
 */
export function parseYamlSource(file: VFile, text: string, startLine: number, indent: number | readonly number[] = 0): YamlSource {
  const lineCounter = new LineCounter();
  // Deep nesting overflows the parser's stack: refuse it before parsing, with its place.
  const problem = yamlBoundsProblem(text);
  // The core schema keeps 2025-06-04 a string: dates are checked by the schema, not YAML.
  const doc = parseDocument(problem ? '' : text, { lineCounter, prettyErrors: false, uniqueKeys: true, schema: 'core', logLevel: 'error' });
  if (problem) for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineCounter.addNewLine(index + 1);

  const toPoint = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + startLine - 1, column: Math.max(col + (typeof indent === 'number' ? indent : (indent[line - 1] ?? 0)), 1) };
  };
  const range = (from: number, to: number): Position => ({ start: toPoint(from), end: toPoint(Math.max(from, to)) });
  const whole = range(0, text.length);

  if (problem) {
    report(file, problem.rule, problem.reason, toPoint(problem.offset));
    return { data: undefined, locate: () => whole, text: () => '' };
  }
  const nodes = countNodes(doc);
  if (nodes > limits.yamlNodes) {
    report(file, 'too-many-nodes', `The YAML has ${nodes.toLocaleString('en')} values, over the limit of ${limits.yamlNodes.toLocaleString('en')} for one block`, whole);
    return { data: undefined, locate: () => whole, text: () => '' };
  }
  for (const error of doc.errors) {
    report(file, 'yaml-syntax', yamlReason(error.code, error.message, text.slice(error.pos[0]).split('\n', 1)[0]!.split(':', 1)[0]!), range(error.pos[0], error.pos[1]));
  }
  let data: unknown;
  if (doc.errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      // yaml refuses alias bombs and similar at conversion time.
      report(file, 'yaml-syntax', `Cannot read YAML: ${error instanceof Error ? error.message : String(error)}`, whole);
    }
  }

  return {
    data,
    locate(path, key = false) {
      const found = find(doc, path, key);
      return found?.range ? range(found.range[0], found.range[1]) : whole;
    },
    text(path) {
      const found = find(doc, path, false);
      return found?.range ? text.slice(found.range[0], found.range[1]).trim() : '';
    },
  };
}

/**
 * How many columns precede each content line of a fenced code node in the file: its list
 * indentation or quote markers, which Markdown strips from `node.value`. Per line, because
 * Markdown strips *up to* the fence's indentation, and `>` may come with or without a space.
 */
export function contentPrefixes(fileLines: readonly string[], firstLine: number, value: string): number[] {
  // An empty block has no content line: its one "line" of value would be the closing fence.
  // A width below 0 is a tab Markdown expanded into spaces (`- ` then a tab): the YAML's own
  // characters still line up, and `parseYamlSource` keeps columns at 1 or more.
  if (value === '' && /^[\s>]*(`{3,}|~{3,})\s*$/.test(fileLines[firstLine - 1] ?? '')) return [];
  return value.split(/\r?\n|\r/).map((line, index) => (fileLines[firstLine - 1 + index] ?? '').length - line.length);
}

/** Nodes of a YAML document (keys, values, collections), counted without recursion. */
function countNodes(doc: Document): number {
  let count = 0;
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node) || isSeq(node)) {
      count++;
      for (const item of node.items as unknown[]) stack.push(item);
    } else if (isPair(node)) {
      stack.push(node.key, node.value);
    } else if (node !== null && node !== undefined) {
      count++;
    }
  }
  return count;
}

/** Walk the YAML tree along `path`, returning the deepest node found. */
function find(doc: Document, path: DataPath, key: boolean): Node | undefined {
  let node: unknown = doc.contents;
  let last: Node | undefined = isNode(node) ? node : undefined;
  for (const [index, segment] of path.entries()) {
    const isLast = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return last;
      if (isLast && key && isNode(pair.key)) return pair.key;
      node = pair.value;
      if (!isNode(node)) return isNode(pair.key) ? pair.key : last;
    } else if (isSeq(node)) {
      node = node.items[Number(segment)];
      if (!isNode(node)) return last;
    } else {
      return last;
    }
    last = node as Node;
  }
  return last;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}

/** yaml's messages quote the source; keep the first line, which says what is wrong. */
function yamlReason(code: string, message: string, near: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const plain: Record<string, string> = {
    DUPLICATE_KEY: `The key \`${near.trim()}\` appears twice in one mapping`,
    TAB_AS_INDENT: 'Tabs cannot be used for indentation in YAML; use spaces',
    BLOCK_AS_IMPLICIT_KEY: `${first}; check the indentation, or put text containing ": " in quotes`,
  };
  return `Cannot read YAML: ${plain[code] ?? first}`;
}
