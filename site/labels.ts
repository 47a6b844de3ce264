// Plain words for the model's values, shared by the page components.
import type { SiteVersion } from '../src/site/data.ts';
import { humanDuration } from '../src/model/duration.ts';

export { humanDuration };

export const sourceWords: Record<string, string> = { provided: 'You give it to us', automatic: 'Collected automatically', 'third-party': 'From third parties' };
export const basisWords: Record<string, string> = {
  consent: 'Your consent',
  contract: 'Our contract with you',
  'legal-obligation': 'A legal obligation',
  'vital-interests': 'Vital interests',
  'public-task': 'A public task',
  'legitimate-interests': 'Legitimate interests',
};
export const roleWords: Record<string, string> = {
  processor: 'Processor: acts on our behalf',
  'independent-controller': 'Independent controller',
  'public-authority': 'Public authority',
  affiliate: 'Affiliate',
  acquirer: 'Acquirer in a business transfer',
};
export const safeguardWords: Record<string, string> = {
  'adequacy-decision': 'Adequacy decision',
  'standard-contractual-clauses': 'Standard contractual clauses',
  'binding-corporate-rules': 'Binding corporate rules',
  'explicit-consent': 'Your explicit consent',
  derogation: 'A derogation (GDPR Art. 49)',
};
export const UNSTATED = 'Not stated in the policy';

/** Labels of referenced categories or purposes; `all` in words. */
export function refs(version: SiteVersion, kind: 'categories' | 'purposes', value: 'all' | string[] | undefined): string {
  if (value === undefined || value === 'all') return kind === 'categories' ? 'All the information we collect' : 'All purposes';
  const items = version.declarations[kind] as { id: string; label: string }[];
  return value.map((id) => items.find((item) => item.id === id)?.label ?? id).join('; ');
}

/** A retention rule in words. */
export function retentionWords(rule: { period?: string; until?: { event: string; then?: string }; criteria?: string[] }): string {
  if (rule.period) return `${humanDuration(rule.period)} after collection`;
  if (rule.until) return `Until ${rule.until.event.replace(/-/g, ' ')}${rule.until.then ? `, then ${humanDuration(rule.until.then)}` : ''}`;
  if (rule.criteria?.length) return `No fixed period: ${rule.criteria.join('; ')}`;
  return UNSTATED;
}
