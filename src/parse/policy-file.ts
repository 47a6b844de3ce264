import type { Code, Nodes, Root, RootContent, Yaml } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.ts';
import { parseMarkdown } from './markdown.ts';
import { checkMarkdownBounds, checkTreeBounds } from './bounds.ts';
import { buildSections, walk, type SectionNode } from './sections.ts';
import { contentPrefixes, parseYamlSource, type YamlSource } from './yaml-source.ts';

/** One ```yaml policy``` block, before validation. */
export interface DeclarationBlock {
  source: YamlSource;
  /** The whole fenced block. */
  position: Position;
  /** The section it sits in; its declarations belong to that section's prose. */
  section: SectionNode | undefined;
  /** Written ```yaml policy review``` (drafted by `policy import`): not yet checked by an editor. */
  review: boolean;
}

/** A policy file parsed but not yet validated. */
export interface ParsedPolicy {
  file: VFile;
  tree: Root;
  frontMatter: YamlSource | undefined;
  blocks: DeclarationBlock[];
  sections: SectionNode[];
  /** Set when the text exceeds a limit of {@link checkMarkdownBounds}: it was not parsed (or not used), and holds nothing. */
  outOfBounds?: true;
}

/** True for a fenced code block written ```yaml policy. */
export function isDeclarationNode(node: Nodes): node is Code {
  return node.type === 'code' && node.lang === 'yaml' && (node.meta ?? '').split(/\s+/).includes('policy');
}

/**
 * Parse a policy file: Markdown into sections, the front matter and every declaration block
 * into YAML with positions. Problems are reported on `file`; nothing throws. Text over a
 * limit (line length, nesting, markup or node count) is reported and left unparsed.
 */
export function parsePolicy(file: VFile): ParsedPolicy {
  const text = String(file.value ?? '');
  const refused = (): ParsedPolicy => ({ file, tree: { type: 'root', children: [] }, frontMatter: undefined, blocks: [], sections: [], outOfBounds: true });
  // Limits first: the parser is superlinear on some shapes, and visitors recurse.
  if (!checkMarkdownBounds(file, text)) return refused();
  const tree = parseMarkdown(text);
  if (!checkTreeBounds(file, tree)) return refused();
  const sections = buildSections(tree, isDeclarationNode);

  const first = tree.children[0];
  let frontMatter: YamlSource | undefined;
  if (first?.type === 'yaml') {
    frontMatter = parseYamlSource(file, (first as Yaml).value, (first.position?.start.line ?? 1) + 1);
  } else if (text !== '') {
    report(file, 'missing-front-matter', 'Expected YAML front matter between `---` lines at the start of the file', { line: 1, column: 1 });
  }

  // Map each declaration node to its section.
  const owner = new Map<RootContent, SectionNode>();
  for (const section of walk(sections)) for (const node of section.nodes) owner.set(node, section);

  const blocks: DeclarationBlock[] = [];
  let fileLines: string[] | undefined;
  const lines = () => (fileLines ??= text.split(/\r?\n|\r/));
  // Blocks may sit inside a list item or a quote too; they belong to the top-level node's section.
  for (const top of tree.children) {
    visit(top, 'code', (node) => {
      if (!isDeclarationNode(node) || !node.position) return;
      blocks.push({
        // Content lines are indented like the fence (by a list item or a quote marker).
        source: parseYamlSource(file, node.value, node.position.start.line + 1, contentPrefixes(lines(), node.position.start.line + 1, node.value)),
        position: node.position,
        section: owner.get(top),
        review: (node.meta ?? '').split(/\s+/).includes('review'),
      });
    });
  }
  return { file, tree, frontMatter, blocks, sections };
}
