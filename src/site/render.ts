import type { Root, RootContent } from 'mdast';
import remarkRehype from 'remark-rehype';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { isDeclarationNode, type ParsedPolicy } from '../parse/policy-file.ts';
import { walk } from '../parse/sections.ts';
import type { PolicyDocument, Section } from '../model/policy.generated.ts';

/** A section ready for the page: its anchor, heading and sanitized prose HTML. */
export interface RenderedSection {
  id: string;
  title: string;
  depth: number;
  html: string;
  /** Keys of the declarations written in this section (tables are rendered from them). */
  declared: string[];
}

// Raw HTML in Markdown is dropped (remark-rehype without allowDangerousHtml), then the
// result is sanitized with GitHub's schema: no scripts, no event handlers, no javascript:
// URLs. Untrusted text from a pull request stays text.
const schema = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'] },
};
const toHtml = unified().use(remarkRehype).use(rehypeSanitize, schema).use(rehypeStringify).freeze();

/** Render Markdown nodes (not headings or declarations) to sanitized HTML. */
function renderNodes(nodes: readonly RootContent[]): string {
  const root: Root = { type: 'root', children: nodes.filter((node) => !isDeclarationNode(node)) as RootContent[] };
  return toHtml.stringify(toHtml.runSync(root as never) as never);
}

/**
 * Every section of a parsed policy in document order, with its prose as safe HTML. Which
 * declarations each section holds is taken from the checked `document` when given: a bare
 * parse (as of a released snapshot read from the cache) has not been built into a document,
 * so its sections list none.
 */
export function renderSections(parsed: ParsedPolicy, document?: Pick<PolicyDocument, 'sections'>): RenderedSection[] {
  const declared = new Map<string, string[]>();
  const collect = (sections: readonly Section[]) => sections.forEach((section) => (declared.set(section.id, section.declared), collect(section.children)));
  if (document) collect(document.sections);
  return [...walk(parsed.sections)].map((section) => ({
    id: section.id,
    title: section.title,
    depth: section.depth,
    html: renderNodes(section.nodes),
    declared: declared.get(section.id) ?? section.declared,
  }));
}
