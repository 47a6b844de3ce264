import { report } from '../diagnostics/report.ts';
import type { LintRule } from './context.ts';

/** Consent must be as easy to withdraw as to give (GDPR Art. 7(3)): the policy must say how. */
export const consentWithoutWithdrawal: LintRule = ({ file, document, merged }) => {
  const { purposes, rights } = document.declarations;
  const canWithdraw = rights?.granted.some((right) => right.kinds.includes('withdraw-consent')) ?? false;
  if (canWithdraw) return;
  for (const purpose of purposes) {
    if (purpose.basis === 'consent') {
      report(file, 'consent-without-withdrawal', `Purpose \`${purpose.id}\` relies on consent, but the policy states no right to withdraw consent`, merged.locate(purpose, 'basis'));
    }
  }
};
