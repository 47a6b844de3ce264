import type { Code, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { parse } from 'yaml';
import type { DeclarationBlock } from '../model/policy.generated.ts';
import { isDeclarationNode } from '../parse/policy-file.ts';
import { yamlBoundsProblem } from '../parse/bounds.ts';
import { lintRule } from './context.ts';

// Every top-level key of a declaration block. `satisfies` ties the list to the type generated
// from the schema: a key added to the schema and missing here fails the type check.
const declarationKeys = new Set(Object.keys({
  categories: true,
  purposes: true,
  recipients: true,
  retention: true,
  transfers: true,
  integrations: true,
  cookies: true,
  rights: true,
  children: true,
  contact: true,
  security: true,
  thirdPartyLinks: true,
  changes: true,
} satisfies Record<keyof DeclarationBlock, true>));

/** Info strings that other tools own: translated labels are not declarations. */
const otherBlocks = /(^|\s)policy-labels(\s|$)/;

/**
 * A fenced block holding declarations whose info string is not `yaml policy`: ```` ```yaml ````,
 * ```` ```YAML Policy ````, ```` ```yml policy ````, an unmarked fence. Its facts would reach no
 * rule, table or notice, and its YAML would be published as a code block. So would a block
 * indented four spaces: an indented code block, fence or none.
 */
export const mistypedDeclarationFence = lintRule(
  {
    id: 'mistyped-declaration-fence',
    severity: 'error',
    title: 'A fenced block holds declarations, but its fence is not `yaml policy`.',
    hint: "Write the fence exactly as ```yaml policy, so the block's facts reach the rules, the site's tables and the change notices.",
    examples: {
      fail: 'The retention block is fenced ```` ```YAML Policy ````; the fixture also has a ```` ```yaml ````, a ```` ```yml policy ```` and a bare fence, each holding declarations:',
      pass: 'Every declaration block fenced ```` ```yaml policy ````; a YAML example whose keys are not declaration keys is left alone:',
    },
  },
  ({ file, parsed, report }) => {
    const lines = String(file.value).split(/\r?\n|\r/);
    visit(parsed.tree as Root, 'code', (node: Code) => {
      const declared: boolean = isDeclarationNode(node);
      if (declared || !node.position) return;
      const lang = node.lang ?? '';
      const info = `${lang} ${node.meta ?? ''}`.trim();
      if (lang !== '' && !/^ya?ml$/i.test(lang) && !/policy/i.test(info)) return;
      if (otherBlocks.test(info)) return;
      const start = node.position.start;
      const lineText = lines[start.line - 1] ?? '';
      // An indented code block starts its value on its own first line (a fenced one on the next):
      // often a whole ```yaml policy block pasted four spaces in, its fence lines kept as text.
      const indented = node.value.split(/\r?\n/)[0]!.trim() === lineText.replace(/^[\s>]*/, '').trim();
      const fence = indented ? null : /^(\s*(?:>\s*)*)(`{3,}|~{3,})/.exec(lineText);
      const inner = fence ? undefined : /^(`{3,}|~{3,})[ \t]*(.*)\r?\n([^]*?)(?:\r?\n\1[ \t]*)?$/.exec(node.value);
      const keys = topLevelKeys(inner ? inner[3]! : node.value);
      if (keys.length === 0 || !keys.every((key) => declarationKeys.has(key))) return;
      if (!fence) {
        const message = report(
          `This block declares ${keys.map((key) => `\`${key}\``).join(', ')}, but it is indented by four spaces or more, which makes it a code block rather than a \`\`\`yaml policy block (remove the indentation): its facts would reach no rule, table or notice, and its YAML would be published as text`,
          { start, end: { line: start.line, column: start.column + (inner ? inner[0].split(/\r?\n/)[0]!.length : 1) } },
        );
        message.expected = ['```yaml policy'];
        return;
      }
      const written = `${fence[2] ?? '```'}${info}`;
      const message = report(
        `This block declares ${keys.map((key) => `\`${key}\``).join(', ')}, but its fence reads "${written}" instead of "${fence[2] ?? '```'}yaml policy": its facts would reach no rule, table or notice, and its YAML would be published as text`,
        { start, end: { line: start.line, column: start.column + written.length } },
      );
      message.actual = written;
      message.expected = [`${fence[2] ?? '```'}yaml policy`];
    });
  },
);

/** The top-level keys of a YAML mapping; none when the text is not one. */
function topLevelKeys(text: string): string[] {
  // Code blocks escape the Markdown limits; a block past the YAML ones is not parsed at all.
  if (yamlBoundsProblem(text)) return [];
  try {
    const data: unknown = parse(text);
    return data !== null && typeof data === 'object' && !Array.isArray(data) ? Object.keys(data) : [];
  } catch {
    return [];
  }
}
