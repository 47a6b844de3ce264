import { report } from '../diagnostics/report.ts';
import type { LintRule } from './context.ts';

/** Blocks written ```yaml policy review``` were drafted by a machine: say so until an editor has checked them. */
export const unreviewedDeclaration: LintRule = ({ file, parsed }) => {
  for (const block of parsed.blocks) {
    if (!block.review) continue;
    const where = block.section ? ` in "${block.section.title}"` : '';
    report(file, 'unreviewed-declaration', `These declarations${where} were drafted from the prose and are not checked yet`, { start: block.position.start, end: { line: block.position.start.line, column: block.position.start.column + 3 } });
  }
};
