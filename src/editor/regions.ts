import type { Code, Yaml } from 'mdast';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { checkMarkdownBounds, checkTreeBounds, limits } from '../parse/bounds.ts';
import { maxFileBytes } from '../parse/read.ts';
import { parseMarkdown } from '../parse/markdown.ts';
import { basename } from 'node:path';
import { contentPrefixes } from '../parse/yaml-source.ts';
import { translationFile } from '../translate/check.ts';

/** What a YAML region of a policy file holds, and so which part of the schema describes it. */
export type RegionKind = 'front-matter' | 'translation-front-matter' | 'declarations' | 'labels';

/** A YAML region of a policy Markdown file: its front matter or one fenced YAML block. */
export interface YamlRegion {
  kind: RegionKind;
  /** First content line, 0-based (the line after `---` or after the opening fence). */
  startLine: number;
  /** Last content line, 0-based, inclusive; `startLine - 1` for an empty block. */
  endLine: number;
  /**
   * For each content line, the columns before its YAML: list indentation or quote markers
   * (`> `), which the YAML view blanks. Per line: Markdown strips up to the fence's
   * indentation, and a `>` may come with or without its space.
   */
  prefixes: number[];
}

const lineBreak = /\r?\n|\r/;

/** A text's lines, however they end; lines already split pass through. */
export function toLines(text: string | readonly string[]): readonly string[] {
  return typeof text === 'string' ? text.split(lineBreak) : text;
}

/**
 * The YAML regions of a policy file, found with the same Markdown parser `policy check` uses,
 * so the editor and the checker agree on what is a declaration. A block still being typed
 * (no closing fence yet) runs to the end of the file, as it does for the parser; front
 * matter still being typed (no closing `---`) runs to the first heading or fence.
 */
export function yamlRegions(text: string, fileName = 'policy.md'): YamlRegion[] {
  // Text over the size or the parser's limits has no regions: hover and completion do no work
  // on it, and the checker reports it, once.
  if (text.length > maxFileBytes || !checkMarkdownBounds(new VFile(), text)) return [];
  const tree = parseMarkdown(text);
  // The tree's limits too, as parsePolicy checks them: what follows walks every node.
  if (!checkTreeBounds(new VFile(), tree)) return [];
  const lines = text.split(lineBreak);
  const regions: YamlRegion[] = [];
  const frontMatterKind = translationFile.test(basename(fileName)) ? 'translation-front-matter' : 'front-matter';
  const first = tree.children[0] as Yaml | undefined;
  if (first?.type === 'yaml' && first.position) {
    const { start, end } = first.position;
    // Front matter ends on its closing `---`; content sits strictly between.
    regions.push({ kind: frontMatterKind, startLine: start.line, endLine: end.line - 2, prefixes: zeros(end.line - 1 - start.line) });
  } else if (lines[0]?.trimEnd() === '---') {
    let end = lines.findIndex((line, index) => index > 0 && /^(#{1,6}\s|`{3,}|~{3,})/.test(line));
    if (end < 0) end = lines.length;
    regions.push({ kind: frontMatterKind, startLine: 1, endLine: end - 1, prefixes: zeros(end - 1) });
  }
  visit(tree, 'code', (node: Code) => {
    if (node.lang !== 'yaml' || !node.position) return;
    const meta = (node.meta ?? '').split(/\s+/);
    const kind: RegionKind | undefined = meta.includes('policy') ? 'declarations' : meta.includes('policy-labels') ? 'labels' : undefined;
    if (!kind) return;
    const { start, end } = node.position;
    // 1-based `end.line` is the closing fence when there is one: the opening's character, at least as many.
    const opening = /^(`{3,}|~{3,})/.exec((lines[start.line - 1] ?? '').slice(start.column - 1))?.[1] ?? '```';
    const last = /^(`{3,}|~{3,})\s*$/.exec((lines[end.line - 1] ?? '').replace(/^[\s>]*/, ''))?.[1];
    const closed = end.line > start.line && last !== undefined && last[0] === opening[0] && last.length >= opening.length;
    const endLine = closed ? end.line - 2 : end.line - 1;
    // One width per content line (an empty block has none, a value may end before the lines do).
    const count = endLine - start.line + 1;
    const prefixes = contentPrefixes(lines, start.line + 1, node.value).slice(0, count).map((width) => Math.max(width, 0));
    while (prefixes.length < count) prefixes.push(0);
    regions.push({ kind, startLine: start.line, endLine, prefixes });
  });
  // A block of more lines than a YAML block may hold values would only be refused by the
  // checker: the YAML language server does not parse it either.
  return regions.filter((region) => region.endLine - region.startLine < limits.yamlNodes);
}

function zeros(count: number): number[] {
  return Array.from({ length: Math.max(count, 0) }, () => 0);
}

/** The region holding a 0-based line, if any. Fences and `---` lines are outside every region. */
export function regionAt(regions: readonly YamlRegion[], line: number): YamlRegion | undefined {
  return regions.find((region) => line >= region.startLine && line <= region.endLine);
}

/** The columns before the YAML on a 0-based line of the region. */
export function prefixAt(region: YamlRegion, line: number): number {
  return region.prefixes[line - region.startLine] ?? 0;
}

/**
 * The file as one YAML document holding only `region`: every other line is empty and the
 * region's indentation or quote markers are blanked, so a line and column in this view are
 * the same line and column in the Markdown file. Language services then answer in the
 * file's own coordinates with no mapping back.
 */
export function yamlView(text: string | readonly string[], region: YamlRegion): string {
  return toLines(text)
    .map((line, index) => {
      if (index < region.startLine || index > region.endLine) return '';
      const prefix = Math.min(prefixAt(region, index), line.length);
      return prefix === 0 ? line : ' '.repeat(prefix) + line.slice(prefix);
    })
    .join('\n');
}

/** Only the region's own lines, prefixes removed: for reading its data, not for positions. */
export function regionText(lines: readonly string[], region: YamlRegion): string {
  return lines
    .slice(region.startLine, region.endLine + 1)
    .map((line, index) => line.slice(Math.min(region.prefixes[index] ?? 0, line.length)))
    .join('\n');
}
