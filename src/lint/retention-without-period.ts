import { lintRule } from './context.ts';

/** A retention rule must say how long: a period, an event, or the criteria used. */
export const retentionWithoutPeriod = lintRule(
  {
    id: 'retention-without-period',
    severity: 'warning',
    title: 'A retention rule gives neither a period nor criteria.',
    hint: 'Add `period`, `until` or `criteria` from the policy text.',
  },
  ({ document, merged, report }) => {
    document.declarations.retention.forEach((rule, index) => {
      const hasCriteria = (rule.criteria?.length ?? 0) > 0;
      if (rule.period === undefined && rule.until === undefined && !hasCriteria) {
        report(`Retention rule ${index + 1} gives neither a period, an event nor criteria: it does not say how long the data is kept`, merged.locate(rule));
      }
    });
  },
);
