import { lintRule } from './context.ts';

/** Blocks written ```yaml policy review``` were drafted by a machine: say so until an editor has checked them. */
export const unreviewedDeclaration = lintRule(
  {
    id: 'unreviewed-declaration',
    severity: 'warning',
    title: 'Declarations drafted by `policy import` that no editor has checked yet.',
    hint: 'Check each value against the prose next to it, then remove `review` from the block\'s first line (```yaml policy).',
    examples: { pass: "The same block after review, with `review` removed from its first line:" },
  },
  ({ parsed, report }) => {
    for (const block of parsed.blocks) {
      if (!block.review) continue;
      const where = block.section ? ` in "${block.section.title}"` : '';
      report(`These declarations${where} were drafted from the prose and are not checked yet`, { start: block.position.start, end: { line: block.position.start.line, column: block.position.start.column + 3 } });
    }
  },
);
