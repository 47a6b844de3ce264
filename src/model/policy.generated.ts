/* eslint-disable */
// Generated from schema/policy.schema.json by `npm run generate`. Do not edit:
// change the schema and regenerate. A test fails when this file is stale.

/**
 * The policy id; also its folder name under policies/.
 */
export type Id = string;
/**
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "text".
 */
export type Text = string;
/**
 * A semantic version such as 1.0.0.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "version".
 */
export type SemVer = string;
/**
 * The date this version takes effect.
 */
export type CalendarDate = string;
/**
 * The date this version was last updated.
 */
export type CalendarDate1 = string;
/**
 * An ISO 8601 duration such as P30D, P6M or P2Y.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "duration".
 */
export type IsoDuration = string;
/**
 * The policy text does not state this fact. `policy check` reports every `unstated` as a warning.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "unstated".
 */
export type Unstated = 'unstated';
/**
 * A permanent kebab-case identifier, e.g. `contact-details`. Ids are used in code and links: never rename a published one.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "id".
 */
export type Id1 = string;
/**
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "textList".
 */
export type TextList = Text[];
/**
 * For third-party data: the named third parties or the ids of the integrations it comes from.
 */
export type TextList1 = Text[];
/**
 * A W3C Data Privacy Vocabulary term, e.g. dpv:ServiceProvision or pd:EmailAddress.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "dpvTerm".
 */
export type DpvTerm = string;
/**
 * A legal basis under GDPR Art. 6(1).
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "legalBasis".
 */
export type LegalBasis =
  | 'consent'
  | 'contract'
  | 'legal-obligation'
  | 'vital-interests'
  | 'public-task'
  | 'legitimate-interests'
  | 'unstated';
/**
 * `all`, or a list of declared ids.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "references".
 */
export type References = 'all' | IdList;
/**
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "idList".
 */
export type IdList = Id1[];
/**
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "recipientRole".
 */
export type RecipientRole =
  | 'processor'
  | 'independent-controller'
  | 'public-authority'
  | 'affiliate'
  | 'acquirer'
  | 'unstated';
/**
 * What is received, in the policy's words.
 */
export type TextList2 = Text[];
/**
 * A permanent kebab-case identifier, e.g. `contact-details`. Ids are used in code and links: never rename a published one.
 */
export type Id2 = string;
/**
 * Where these rights are stated to apply, e.g. EEA, GB, CH, US-CA.
 */
export type TextList3 = Text[];
/**
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "rightKind".
 */
export type RightKind =
  | 'access'
  | 'rectification'
  | 'erasure'
  | 'restriction'
  | 'objection'
  | 'portability'
  | 'withdraw-consent'
  | 'complaint'
  | 'opt-out-of-sale'
  | 'non-discrimination'
  | 'automated-decisions';
/**
 * A calendar date, YYYY-MM-DD.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "date".
 */
export type CalendarDate2 = string;
/**
 * A permanent kebab-case identifier, e.g. `contact-details`. Ids are used in code and links: never rename a published one.
 */
export type Id3 = string;
/**
 * A semantic version such as 1.0.0.
 */
export type SemVer1 = string;

/**
 * A privacy policy: its front matter and the declarations merged from every `yaml policy` block. The parsed document (sections, positions) is described by $defs/document.
 */
export interface Policy {
  meta: FrontMatter;
  declarations: Declarations;
}
/**
 * The YAML front matter of a policy file.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "frontMatter".
 */
export interface FrontMatter {
  id: Id;
  title: Text;
  version: SemVer;
  effective: CalendarDate;
  updated: CalendarDate1;
  /**
   * A BCP 47 language tag such as en or de-CH.
   */
  locale: string;
  controller: Controller;
  /**
   * How long before a material change takes effect users are told of it. Defaults to P30D when the policy states none (`unstated`).
   */
  noticePeriod?: IsoDuration | Unstated;
}
/**
 * The company responsible for the processing.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "controller".
 */
export interface Controller {
  name: Text;
  website?: Text;
  address?: Text;
}
/**
 * Every declaration of a policy, merged from its blocks.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "declarations".
 */
export interface Declarations {
  categories: Category[];
  purposes: Purpose[];
  recipients: Recipient[];
  retention: RetentionRule[];
  transfers: Transfer[];
  integrations: Integration[];
  cookies?: Cookies;
  rights?: Rights;
  children?: Children;
  contact?: Contact;
  security?: Security;
  thirdPartyLinks?: ThirdPartyLinks;
  changes?: Changes;
}
/**
 * A category of personal data the policy says is collected.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "category".
 */
export interface Category {
  id: Id1;
  label: Text;
  examples?: TextList;
  /**
   * How the data is obtained.
   */
  source:
    | Unstated
    | ['provided' | 'automatic' | 'third-party', ...('provided' | 'automatic' | 'third-party')[]];
  from?: TextList1;
  /**
   * A special category under GDPR Art. 9 (health, biometrics, beliefs, ...).
   */
  special?: boolean;
  dpv?: DpvTerm;
}
/**
 * A purpose of processing, its legal basis and the categories it uses.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "purpose".
 */
export interface Purpose {
  id: Id1;
  label: Text;
  basis: LegalBasis;
  /**
   * For legitimate interests: the interest pursued.
   */
  interest?: string;
  categories: References;
  dpv?: DpvTerm;
}
/**
 * A party personal data is shared with.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "recipient".
 */
export interface Recipient {
  id: Id1;
  label: Text;
  role: RecipientRole;
  examples?: TextList;
  categories: References;
  purposes: References;
  /**
   * When sharing happens, in the policy's words.
   */
  condition?: string;
  dpv?: DpvTerm;
}
/**
 * How long categories are kept: a fixed period, until an event (then an optional period), or stated criteria.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "retentionRule".
 */
export interface RetentionRule {
  categories: References;
  period?: IsoDuration;
  until?: {
    event:
      'account-deletion' | 'disconnect' | 'contract-end' | 'consent-withdrawal' | 'last-activity';
    then?: IsoDuration;
  };
  criteria?: TextList;
  afterwards?: 'delete' | 'anonymize' | 'delete-or-anonymize';
  exceptions?: TextList;
}
/**
 * An international transfer of personal data.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "transfer".
 */
export interface Transfer {
  /**
   * Countries or regions, or `unstated`.
   */
  destinations: Unstated | [Text, ...Text[]];
  categories: References;
  reasons?: TextList;
  safeguard:
    | 'adequacy-decision'
    | 'standard-contractual-clauses'
    | 'binding-corporate-rules'
    | 'explicit-consent'
    | 'derogation'
    | 'unstated';
  condition?: Text;
}
/**
 * A third-party integration and the terms the policy gives for its data.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "integration".
 */
export interface Integration {
  id: Id1;
  label: Text;
  provider: Text;
  receives?: TextList2;
  categories: References;
  /**
   * The permitted uses of the data received.
   *
   * @minItems 1
   */
  uses: [
    {
      label: Text;
      purpose?: Id2;
    },
    ...{
      label: Text;
      purpose?: Id2;
    }[]
  ];
  onDisconnect: {
    access: 'stops' | 'continues' | 'unstated';
    deletion: {
      action: 'delete' | 'anonymize' | 'delete-or-anonymize';
      /**
       * The deadline after disconnecting, or `unstated` when the policy gives none.
       */
      within: IsoDuration | Unstated;
      /**
       * The deadline in the policy's words.
       */
      withinText?: string;
      exceptions?: TextList;
    };
  };
  /**
   * The policy commits not to sell or transfer this data.
   */
  noSale?: boolean;
  disclosureExceptions?: TextList;
  /**
   * What the policy says about the provider's endorsement.
   */
  endorsement?: string;
}
/**
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "cookies".
 */
export interface Cookies {
  technologies: TextList;
  purposes: TextList;
  categories?: References;
  controls?: TextList;
  consequences?: Text;
}
/**
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "rights".
 */
export interface Rights {
  jurisdictions: TextList3;
  granted: {
    id: Id1;
    label: Text;
    /**
     * @minItems 1
     */
    kinds: [RightKind, ...RightKind[]];
  }[];
}
/**
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "children".
 */
export interface Children {
  minimumAge: number;
  knowinglyCollects?: boolean;
  onDiscovery?: Text;
}
/**
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "contact".
 */
export interface Contact {
  topics?: TextList;
  channels: {
    type: 'email' | 'url' | 'postal' | 'phone' | 'form';
    value: Text;
  }[];
}
/**
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "security".
 */
export interface Security {
  measures: TextList;
  guaranteed?: boolean;
}
/**
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "thirdPartyLinks".
 */
export interface ThirdPartyLinks {
  present: boolean;
  responsibility?: 'disclaimed' | 'accepted';
}
/**
 * How the policy says it announces changes.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "changes".
 */
export interface Changes {
  channels: ('in-service' | 'email' | 'website')[];
  condition?: Text;
  acceptance?: 'continued-use' | 'explicit' | 'unstated';
}
/**
 * The content of one ```yaml policy``` block. Lists from several blocks are concatenated; single objects may be declared once.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "declarationBlock".
 */
export interface DeclarationBlock {
  categories?: Category[];
  purposes?: Purpose[];
  recipients?: Recipient[];
  retention?: RetentionRule[];
  transfers?: Transfer[];
  integrations?: Integration[];
  cookies?: Cookies;
  rights?: Rights;
  children?: Children;
  contact?: Contact;
  security?: Security;
  thirdPartyLinks?: ThirdPartyLinks;
  changes?: Changes;
}
/**
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "position".
 */
export interface Position {
  line: number;
  column: number;
  offset?: number;
}
/**
 * A section of the parsed document: a heading and what follows it up to the next heading of the same or a higher level.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "section".
 */
export interface Section {
  /**
   * A stable anchor: `{#id}` after the heading, or the heading's slug.
   */
  id: string;
  title: string;
  depth: number;
  start: Position;
  end: Position;
  /**
   * The section's own prose as plain text (declarations excluded).
   */
  text: string;
  /**
   * Keys of the declarations placed in this section, e.g. categories/contact.
   */
  declared: string[];
  children: Section[];
}
/**
 * A parsed policy file: what the site, the rules compiler and the diff read.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "document".
 */
export interface PolicyDocument {
  path: string;
  /**
   * SHA-256 of the file's bytes, hex.
   */
  hash: string;
  meta: FrontMatter;
  declarations: Declarations;
  sections: Section[];
}
/**
 * The front matter of a translation (policy.<locale>.md): it translates prose and labels only; the declarations stay in policy.md.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "translationFrontMatter".
 */
export interface TranslationFrontMatter {
  id: Id3;
  /**
   * A BCP 47 language tag such as de or fr-CH.
   */
  locale: string;
  title: Text;
  translates: SemVer1;
}
/**
 * A ```yaml policy-labels``` block in a translation: declared ids and their labels in the translation's language.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "labelsBlock".
 */
export interface LabelsBlock {
  categories?: {
    [k: string]: Text | undefined;
  };
  purposes?: {
    [k: string]: Text | undefined;
  };
  recipients?: {
    [k: string]: Text | undefined;
  };
  integrations?: {
    [k: string]: Text | undefined;
  };
  rights?: {
    [k: string]: Text | undefined;
  };
}
