import { lintRule } from './context.ts';

/** Consent must be as easy to withdraw as to give (GDPR Art. 7(3)): the policy must say how. */
export const consentWithoutWithdrawal = lintRule(
  {
    id: 'consent-without-withdrawal',
    severity: 'warning',
    title: 'A consent-based purpose with no way to withdraw consent.',
    hint: 'State the right to withdraw consent (GDPR Art. 7(3)) and declare it under rights.',
  },
  ({ document, merged, report }) => {
    const { purposes, rights } = document.declarations;
    const canWithdraw = rights?.granted.some((right) => right.kinds.includes('withdraw-consent')) ?? false;
    if (canWithdraw) return;
    for (const purpose of purposes) {
      if (purpose.basis === 'consent') {
        report(`Purpose \`${purpose.id}\` relies on consent, but the policy states no right to withdraw consent`, merged.locate(purpose, 'basis'));
      }
    }
  },
);
