import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { location } from 'vfile-location';
import { lintRule } from './context.ts';

/** Words and brackets that mark text as unfinished. */
// Marker words only in capitals ("your todo list" is prose); brackets in any case.
const placeholder = /\b(?:TODO|TBD|TBA|FIXME|XXX+)\b|\b[Ll]orem ipsum\b|\[(?:[Ii]nsert|[Aa]dd|[Ee]nter|[Yy]our|[Cc]ompany|[Ee]mail|[Dd]ate|[Aa]ddress|[Nn]ame)\b[^\]]*\]|<(?:[Ii]nsert|[Ee]nter|[Yy]our)\b[^>]*>|\{\{[^}]*\}\}/gu;

/** Prose still holding a placeholder: "TODO", "[insert email]", "lorem ipsum", "{{company}}". */
export const placeholderText = lintRule(
  {
    id: 'placeholder-text',
    severity: 'warning',
    title: 'Placeholder text left in the prose.',
    hint: 'Replace the placeholder with the real text.',
  },
  ({ file, parsed, report }) => {
    const place = location(file);
    visit(parsed.tree as Root, 'text', (node) => {
      const start = node.position?.start.offset;
      if (start === undefined) return;
      for (const match of node.value.matchAll(placeholder)) {
        // Text nodes hold the source verbatim unless it had escapes; then fall back to the node.
        const exact = String(file.value).slice(start + match.index, start + match.index + match[0].length) === match[0];
        const from = exact ? place.toPoint(start + match.index) : node.position?.start;
        const to = exact ? place.toPoint(start + match.index + match[0].length) : node.position?.end;
        report(`Unexpected placeholder "${match[0]}" in the policy text`, from && to ? { start: from, end: to } : node.position);
      }
    });
  },
);
