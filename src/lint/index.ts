import type { LintRule } from './context.ts';
import { acceptanceByUse } from './acceptance-by-use.ts';
import { unreviewedDeclaration } from './unreviewed-declaration.ts';
import { consentWithoutWithdrawal } from './consent-without-withdrawal.ts';
import { duplicateSection } from './duplicate-section.ts';
import { emptyContact } from './empty-contact.ts';
import { missingRetention } from './missing-retention.ts';
import { mistypedDeclarationFence } from './mistyped-declaration-fence.ts';
import { placeholderText } from './placeholder-text.ts';
import { proseDateMismatch } from './prose-date-mismatch.ts';
import { retentionWithoutPeriod } from './retention-without-period.ts';
import { storeLabelUndecidable } from './store-label-undecidable.ts';
import { unstatedDeclaration } from './unstated-declaration.ts';

/** The rules run on a policy that passed schema and reference checks. */
export const lintRules: readonly LintRule[] = [
  mistypedDeclarationFence,
  missingRetention,
  retentionWithoutPeriod,
  consentWithoutWithdrawal,
  acceptanceByUse,
  unstatedDeclaration,
  duplicateSection,
  emptyContact,
  placeholderText,
  proseDateMismatch,
  unreviewedDeclaration,
  storeLabelUndecidable,
];

export { runLintRule, type LintRule } from './context.ts';
