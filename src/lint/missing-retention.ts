import { report } from '../diagnostics/report.ts';
import type { LintRule } from './context.ts';

/** Every collected category needs a retention rule (GDPR Art. 13(2)(a)). */
export const missingRetention: LintRule = ({ file, document, merged }) => {
  const { categories, retention } = document.declarations;
  const covered = new Set<string>();
  for (const rule of retention) {
    if (rule.categories === 'all') return;
    for (const id of rule.categories) covered.add(id);
  }
  for (const category of categories) {
    if (!covered.has(category.id)) {
      report(file, 'missing-retention', `Category \`${category.id}\` has no retention rule: the policy does not say how long it is kept`, merged.locate(category, 'id'));
    }
  }
};
