import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';

/**
 * The readable text of a block node: paragraphs as they are, one line per list item or
 * table row, so that sentences in lists do not run together.
 */
export function plainText(node: Nodes): string {
  switch (node.type) {
    case 'list':
    case 'blockquote':
    case 'listItem':
    case 'table':
      return node.children.map((child) => plainText(child)).join('\n');
    case 'tableRow':
      return node.children.map((cell) => toString(cell)).join(' | ');
    case 'code':
    case 'html':
      return node.value;
    default:
      return toString(node);
  }
}
