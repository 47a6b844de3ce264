import type { CompiledRules } from '../model/rules.generated.ts';
import type { LegalBasis, RecipientRole } from '../model/policy.generated.ts';

/** DPV terms for the legal bases of GDPR Art. 6(1). */
const legalBasisTerms: Record<Exclude<LegalBasis, 'unstated'>, string> = {
  consent: 'dpv:Consent',
  contract: 'dpv:Contract',
  'legal-obligation': 'dpv:LegalObligation',
  'vital-interests': 'dpv:VitalInterest',
  'public-task': 'dpv:PublicTask',
  'legitimate-interests': 'dpv:LegitimateInterest',
};

/** DPV terms for recipient roles. DPV has no term for an acquirer in a business transfer: it is a third party. */
const recipientRoleTerms: Record<Exclude<RecipientRole, 'unstated'>, string> = {
  processor: 'dpv:DataProcessor',
  'independent-controller': 'dpv:DataController',
  'public-authority': 'dpv:Authority',
  affiliate: 'dpv:ThirdParty',
  acquirer: 'dpv:ThirdParty',
};

/**
 * The rules as JSON-LD in the W3C Data Privacy Vocabulary: one `dpv:PersonalDataHandling`
 * per purpose, with its legal basis, personal data and recipients. Terms the policy gives
 * (`dpv:` on a declaration) are used; otherwise local ids under the policy's base IRI.
 */
export function toJsonLd(rules: CompiledRules, base: string): object {
  const local = (kind: string, id: string) => `${base}#${kind}-${id}`;
  const categoryNode = (id: string) => ({ '@id': local('category', id), '@type': rules.categories[id]?.dpv ?? 'dpv:PersonalData', 'rdfs:label': rules.categories[id]?.label ?? id });
  return {
    '@context': {
      dpv: 'https://w3id.org/dpv#',
      pd: 'https://w3id.org/dpv/pd#',
      rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
      dct: 'http://purl.org/dc/terms/',
    },
    '@id': `${base}#policy`,
    '@type': 'dpv:PrivacyNotice',
    'dct:title': `${rules.policy} ${rules.version}`,
    'dct:valid': rules.effective,
    'dct:identifier': rules.sourceHash,
    'dpv:hasDataController': { '@type': 'dpv:DataController', 'rdfs:label': rules.controller.name },
    'dpv:hasPersonalDataHandling': Object.entries(rules.purposes).map(([id, purpose]) => ({
      '@id': local('purpose', id),
      '@type': 'dpv:PersonalDataHandling',
      'rdfs:label': purpose!.label,
      'dpv:hasPurpose': { '@type': purpose!.dpv ?? 'dpv:Purpose', 'rdfs:label': purpose!.label },
      ...(purpose!.basis === 'unstated' ? {} : { 'dpv:hasLegalBasis': { '@id': legalBasisTerms[purpose!.basis] } }),
      'dpv:hasPersonalData': purpose!.categories.map(categoryNode),
      'dpv:hasRecipient': Object.entries(rules.recipients)
        .filter(([, recipient]) => recipient!.purposes.includes(id))
        .map(([recipientId, recipient]) => ({
          '@id': local('recipient', recipientId),
          '@type': recipient!.dpv ?? (recipient!.role === 'unstated' ? 'dpv:Recipient' : recipientRoleTerms[recipient!.role]),
          'rdfs:label': recipient!.label,
        })),
    })),
  };
}
