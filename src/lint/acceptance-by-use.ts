import { report } from '../diagnostics/report.ts';
import type { LintRule } from './context.ts';

/**
 * "Continued use constitutes acceptance" is not consent under GDPR Art. 4(11): consent needs
 * a clear affirmative act. Flag it so material changes are not silently "accepted".
 */
export const acceptanceByUse: LintRule = ({ file, document, merged }) => {
  const changes = document.declarations.changes;
  if (changes?.acceptance === 'continued-use') {
    report(file, 'acceptance-by-use', 'The policy treats continued use of the service as accepting a changed policy; that is not valid consent for consent-based processing', merged.locate(changes, 'acceptance'));
  }
};
