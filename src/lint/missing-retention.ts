import { lintRule } from './context.ts';

/** Every collected category needs a retention rule (GDPR Art. 13(2)(a)). */
export const missingRetention = lintRule(
  {
    id: 'missing-retention',
    severity: 'warning',
    title: 'A category has no retention rule.',
    hint: 'Add a retention rule naming a period, an event or the criteria used (GDPR Art. 13(2)(a)).',
  },
  ({ document, merged, report }) => {
    const { categories, retention } = document.declarations;
    const covered = new Set<string>();
    for (const rule of retention) {
      if (rule.categories === 'all') return;
      for (const id of rule.categories) covered.add(id);
    }
    for (const category of categories) {
      if (!covered.has(category.id)) {
        report(`Category \`${category.id}\` has no retention rule: the policy does not say how long it is kept`, merged.locate(category, 'id'));
      }
    }
  },
);
