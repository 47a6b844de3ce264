import type { Audience, ClassifiedChange } from '../model/change.generated.ts';
import type { FactKind } from './vocabulary.ts';

/** Who a change concerns, in words: "everyone", "users of pinterest", "users in California". */
export function audienceWords(audience: Audience): string {
  if (audience.scope === 'integration') return `users of ${audience.integration}`;
  if (audience.scope === 'jurisdiction') return `users in ${audience.jurisdiction}`;
  return 'everyone';
}

/** What a prose fact is about, in words. */
export const factKindWords: Record<FactKind, string> = {
  data: 'personal data',
  tracking: 'a tracking technology',
  recipient: 'a recipient',
  purpose: 'a purpose',
  retention: 'how long data is kept',
  condition: 'the condition of processing',
  action: 'what is done with data',
  transfer: 'international transfers',
  children: "children's age",
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
