import type { Audience } from '../model/change.generated.ts';
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
