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
  processor: 'Works for us, only on our instructions',
  'independent-controller': 'Uses it for its own purposes',
  'public-authority': 'A public authority',
  affiliate: 'A company in our group',
  acquirer: 'A buyer of all or part of our business',
};
export const safeguardWords: Record<string, string> = {
  'adequacy-decision': 'Adequacy decision',
  'standard-contractual-clauses': 'Standard contractual clauses',
  'binding-corporate-rules': 'Binding corporate rules',
  'explicit-consent': 'Your explicit consent',
  derogation: 'A derogation (GDPR Art. 49)',
};
export const UNSTATED = 'Not stated in the policy';

/** What happens to data when it is no longer kept, as the end of "Data is …". */
export const deletionWords: Record<string, string> = { delete: 'deleted', anonymize: 'anonymized', 'delete-or-anonymize': 'deleted or anonymized' };

/** What happens after a retention period, on its own: `deletionWords` capitalised. */
export const afterwards = (action: string): string => {
  const words = deletionWords[action] ?? action;
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
};

/**
 * The legal terms that stay on the page, in plain words. The glossary shows those a page uses.
 */
export const glossary: Record<string, string> = {
  'Legal basis': 'The reason the law accepts for using your data, such as your consent or a contract with you (GDPR Article 6).',
  GDPR: 'The General Data Protection Regulation, the EU law on personal data.',
  'Legitimate interests': 'A legal basis: the company has a real need that, it says, does not override your rights.',
  'Special category': 'Sensitive data the GDPR protects more strictly, such as health, religion or sexual orientation.',
  'Standard contractual clauses': 'Contract terms approved by the European Commission that oblige a recipient abroad to protect your data.',
  'Adequacy decision': 'A European Commission finding that a country protects personal data as well as the EU does.',
  'Binding corporate rules': 'Data protection rules a group of companies adopts and a regulator approves, for sending data within the group.',
  Derogation: 'An exception in GDPR Article 49 that allows a transfer abroad in a specific case, without other safeguards.',
};

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
