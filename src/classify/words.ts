import type { Audience, ClassifiedChange } from '../model/change.generated.ts';
import type { FactKind } from './lexicon.ts';

/** Who a change concerns, in words: "everyone", "users of pinterest", "users in California". */
export function audienceWords(audience: Audience): string {
  if (audience.scope === 'integration') return `users of ${audience.integration}`;
  if (audience.scope === 'jurisdiction') return `users in ${audience.jurisdiction}`;
  return 'everyone';
}

/** What a prose fact is about, in words. */
export const factKindWords: Record<FactKind, string> = {
  data: 'personal data',
  recipient: 'a recipient or data source',
  purpose: 'a purpose',
  transfer: 'international transfers',
  tracking: 'cookies and tracking',
  children: 'children',
  access: 'access to or disclosure of data',
  retention: 'how long data is kept',
  source: 'how data is obtained',
  scope: 'what a statement about processing covers',
};

/** What users must be given, in words, for reviewers and the site. */
export const actionWords: Record<ClassifiedChange['action'], string> = {
  none: 'nothing to send',
  inform: 'information, with no deadline',
  notice: 'a notice before the new version takes effect',
  reconsent: 'a request for consent before the new version takes effect',
  'explicit-consent': 'a request for explicit consent before the new version takes effect',
};

/** Whether users must get something before the effective date: a notice or a request for consent. */
export function beforeEffectiveDate(action: ClassifiedChange['action']): boolean {
  return action === 'notice' || action === 'reconsent' || action === 'explicit-consent';
}
