import type { Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import GithubSlugger from 'github-slugger';
import type { Section } from '../model/policy.generated.ts';
import { plainText } from './plain-text.ts';

/** `## Title {#anchor}`: an explicit anchor keeps links stable when a heading is reworded. */
const explicitAnchor = /\s*\{#([a-z0-9][a-z0-9-]*)\}\s*$/;

/** A section as built, with the mdast nodes it owns (not serialised). */
export interface SectionNode extends Section {
  children: SectionNode[];
  /** The heading node, to report problems at it. */
  heading: Heading;
  /** Top-level nodes between this heading and the next one. */
  nodes: RootContent[];
  /** Whether the anchor was written explicitly as `{#id}`. */
  explicit: boolean;
}

/**
 * Build the section tree: each heading owns what follows it up to the next heading of the
 * same or a higher level. `isDeclaration` tells which nodes are declarations, not prose.
 */
export function buildSections(tree: Root, isDeclaration: (node: RootContent) => boolean): SectionNode[] {
  const slugger = new GithubSlugger();
  const roots: SectionNode[] = [];
  const stack: SectionNode[] = [];
  const end = tree.position?.end ?? { line: 1, column: 1 };

  for (const node of tree.children) {
    if (node.type === 'yaml') continue;
    if (node.type === 'heading') {
      const raw = toString(node);
      const match = explicitAnchor.exec(raw);
      const title = match ? raw.slice(0, match.index) : raw;
      const section: SectionNode = {
        id: match ? match[1]! : slugger.slug(title),
        title,
        depth: node.depth,
        start: point(node.position?.start),
        end: point(end),
        text: '',
        declared: [],
        children: [],
        heading: node,
        nodes: [],
        explicit: Boolean(match),
      };
      if (match) slugger.slug(section.id); // reserve it, so a later slug does not collide
      while (stack.length > 0 && stack.at(-1)!.depth >= node.depth) {
        stack.pop()!.end = point(node.position?.start);
      }
      (stack.at(-1)?.children ?? roots).push(section);
      stack.push(section);
      continue;
    }
    const current = stack.at(-1);
    if (current) current.nodes.push(node);
  }

  for (const section of walk(roots)) {
    section.text = section.nodes
      .filter((node) => !isDeclaration(node))
      .map((node) => plainText(node))
      .join('\n\n');
  }
  return roots;
}

/** Every section of a tree, depth-first, in document order. */
export function* walk(sections: readonly SectionNode[]): Generator<SectionNode> {
  for (const section of sections) {
    yield section;
    yield* walk(section.children);
  }
}

function point(place: { line: number; column: number; offset?: number | undefined } | undefined) {
  return place ? { line: place.line, column: place.column, ...(place.offset === undefined ? {} : { offset: place.offset }) } : { line: 1, column: 1 };
}
