import { report } from '../diagnostics/report.ts';
import type { LintRule } from './context.ts';

/** A retention rule must say how long: a period, an event, or the criteria used. */
export const retentionWithoutPeriod: LintRule = ({ file, document, merged }) => {
  document.declarations.retention.forEach((rule, index) => {
    const hasCriteria = (rule.criteria?.length ?? 0) > 0;
    if (rule.period === undefined && rule.until === undefined && !hasCriteria) {
      report(file, 'retention-without-period', `Retention rule ${index + 1} gives neither a period, an event nor criteria: it does not say how long the data is kept`, merged.locate(rule));
    }
  });
};
