import type { Code, Yaml } from 'mdast';
import { visit } from 'unist-util-visit';
import { parseMarkdown } from '../parse/markdown.ts';

/** What a YAML region of a policy file holds, and so which part of the schema describes it. */
export type RegionKind = 'front-matter' | 'translation-front-matter' | 'declarations' | 'labels';

/** A YAML region of a policy Markdown file: its front matter or one fenced YAML block. */
export interface YamlRegion {
  kind: RegionKind;
  /** First content line, 0-based (the line after `---` or after the opening fence). */
  startLine: number;
  /** Last content line, 0-based, inclusive; `startLine - 1` for an empty block. */
  endLine: number;
  /** Columns before the content: the fence's indentation or quote markers, blanked in the YAML view. */
  indent: number;
}

const translationName = /(^|[\\/])policy\.[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\.md$/;
const closingFence = /^\s*(`{3,}|~{3,})\s*$/;

/**
 * The YAML regions of a policy file, found with the same Markdown parser `policy check` uses,
 * so the editor and the checker agree on what is a declaration. A block still being typed
 * (no closing fence yet) runs to the end of the file, as it does for the parser.
 */
export function yamlRegions(text: string, fileName = 'policy.md'): YamlRegion[] {
  const tree = parseMarkdown(text);
  const lines = text.split(/\r?\n|\r/);
  const regions: YamlRegion[] = [];
  const first = tree.children[0] as Yaml | undefined;
  if (first?.type === 'yaml' && first.position) {
    const { start, end } = first.position;
    // Front matter ends on its closing `---`; content sits strictly between.
    regions.push({ kind: translationName.test(fileName) ? 'translation-front-matter' : 'front-matter', startLine: start.line, endLine: end.line - 2, indent: 0 });
  }
  visit(tree, 'code', (node: Code) => {
    if (node.lang !== 'yaml' || !node.position) return;
    const meta = (node.meta ?? '').split(/\s+/);
    const kind: RegionKind | undefined = meta.includes('policy') ? 'declarations' : meta.includes('policy-labels') ? 'labels' : undefined;
    if (!kind) return;
    const { start, end } = node.position;
    const indent = start.column - 1;
    // 1-based `end.line` is the closing fence when there is one.
    const last = lines[end.line - 1] ?? '';
    const closed = end.line > start.line && closingFence.test(last.slice(indent));
    regions.push({ kind, startLine: start.line, endLine: closed ? end.line - 2 : end.line - 1, indent });
  });
  return regions;
}

/** The region holding a 0-based line, if any. Fences and `---` lines are outside every region. */
export function regionAt(regions: readonly YamlRegion[], line: number): YamlRegion | undefined {
  return regions.find((region) => line >= region.startLine && line <= region.endLine);
}

/**
 * The file as one YAML document holding only `region`: every other line is empty and the
 * region's indentation or quote markers are blanked, so a line and column in this view are
 * the same line and column in the Markdown file. Language services then answer in the
 * file's own coordinates with no mapping back.
 */
export function yamlView(text: string, region: YamlRegion): string {
  const lines = text.split(/\r?\n|\r/);
  return lines
    .map((line, index) => {
      if (index < region.startLine || index > region.endLine) return '';
      if (region.indent === 0) return line;
      return ' '.repeat(Math.min(region.indent, line.length)) + line.slice(region.indent);
    })
    .join('\n');
}

/** Only the region's own lines, indentation removed: for reading its data, not for positions. */
export function regionText(lines: readonly string[], region: YamlRegion): string {
  return lines
    .slice(region.startLine, region.endLine + 1)
    .map((line) => line.slice(Math.min(region.indent, line.length)))
    .join('\n');
}
