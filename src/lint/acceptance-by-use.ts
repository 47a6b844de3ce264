import { lintRule } from './context.ts';

/**
 * "Continued use constitutes acceptance" is not consent under GDPR Art. 4(11): consent needs
 * a clear affirmative act. Flag it so material changes are not silently "accepted".
 */
export const acceptanceByUse = lintRule(
  {
    id: 'acceptance-by-use',
    severity: 'warning',
    title: 'Continued use is treated as accepting a changed policy.',
    hint: 'Under GDPR Art. 4(11) and 7 consent needs a clear affirmative act: ask for consent again for material changes to consent-based processing.',
  },
  ({ document, merged, report }) => {
    const changes = document.declarations.changes;
    if (changes?.acceptance === 'continued-use') {
      report('The policy treats continued use of the service as accepting a changed policy; that is not valid consent for consent-based processing', merged.locate(changes, 'acceptance'));
    }
  },
);
