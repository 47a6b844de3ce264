/* eslint-disable */
// Generated from schema/policy.schema.json by `npm run generate`. Do not edit:
// change the schema and regenerate. A test fails when this file is stale.

/**
 * A permanent kebab-case identifier, e.g. `contact-details`. Ids are used in code and links: never rename a published one.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "id".
 */
export type Id = string;
/**
 * Text in the policy's own words.
 *
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
 * A calendar date, YYYY-MM-DD.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "date".
 */
export type CalendarDate = string;
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
 * A list of texts, each in the policy's own words.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "textList".
 */
export type TextList = Text[];
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
 * A list of declared ids.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "idList".
 */
export type IdList = Id[];
/**
 * The recipient's role for the data it receives.
 *
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
 * A kind of data-protection right.
 *
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
  updated: CalendarDate;
  effectiveReason?: Text;
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
  /**
   * Kinds of personal data the policy says are collected.
   */
  categories: Category[];
  /**
   * What the data is used for, each with its legal basis and the categories it uses.
   */
  purposes: Purpose[];
  /**
   * Who the data is shared with, for which purposes, and when.
   */
  recipients: Recipient[];
  /**
   * How long each category is kept, and what happens afterwards.
   */
  retention: RetentionRule[];
  /**
   * Transfers of data to other countries and their safeguards.
   */
  transfers: Transfer[];
  /**
   * Third-party integrations (e.g. a connected account) and the terms for their data.
   */
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
  id: Id;
  renamedFrom?: Id;
  label: Text;
  examples?: TextList;
  /**
   * How the data is obtained.
   */
  source:
    | Unstated
    | ['provided' | 'automatic' | 'third-party', ...('provided' | 'automatic' | 'third-party')[]];
  from?: TextList;
  /**
   * A special category under GDPR Art. 9 (health, biometrics, beliefs, ...).
   */
  special?: boolean;
  dpv?: DpvTerm;
  /**
   * Whether the policy says this data is linked to the user's identity (their account, device or other identifiers), as the app stores ask. Write `unstated` when the text does not say: store labels then report what to declare.
   */
  linkedToIdentity?: boolean | Unstated;
  /**
   * Whether the policy says this data is used for tracking: linked with data from other companies' apps or sites for targeted advertising or measurement, or shared with data brokers (Apple's definition). `unstated` when the text does not say.
   */
  usedForTracking?: boolean | Unstated;
  /**
   * Whether the policy says users may choose not to provide this data and still use the service (Google Play's "optional"). `unstated` when the text does not say.
   */
  optional?: boolean | Unstated;
  /**
   * Whether the policy says this data is processed only ephemerally: held in memory only while a request is served, never stored (Google Play's "processed ephemerally"). `unstated` when the text does not say.
   */
  ephemeral?: boolean | Unstated;
  /**
   * Whom the policy says this data is disclosed to, in the app stores' sense: `third-parties` when it is shared with other companies for their own use; `service-providers-only` when it is processed only by service providers on our behalf (processors), which the stores do not count as sharing. `unstated` when the text does not say.
   */
  sharing?: ('third-parties' | 'service-providers-only') | Unstated;
  storeTypes?: StoreTypes;
}
/**
 * Optional: the app stores' data types for this category, when its `dpv` term does not map to exactly one or the category has none. Each value must be a type of the reviewed mapping (docs/store-labels.md).
 */
export interface StoreTypes {
  /**
   * Apple's App Privacy data type, as fastlane names it, e.g. EMAIL_ADDRESS.
   */
  apple?: string;
  /**
   * Google Play's Data safety data type, as its CSV names it, e.g. PSL_EMAIL.
   */
  googlePlay?: string;
}
/**
 * A purpose of processing, its legal basis and the categories it uses.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "purpose".
 */
export interface Purpose {
  id: Id;
  renamedFrom?: Id;
  label: Text;
  basis: LegalBasis;
  interest?: Text;
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
  id: Id;
  renamedFrom?: Id;
  label: Text;
  role: RecipientRole;
  examples?: TextList;
  categories: References;
  purposes: References;
  condition?: Text;
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
  /**
   * Kept until an event happens, then optionally for a further period.
   */
  until?: {
    /**
     * The event that ends retention.
     */
    event:
      'account-deletion' | 'disconnect' | 'contract-end' | 'consent-withdrawal' | 'last-activity';
    then?: IsoDuration;
  };
  criteria?: TextList;
  /**
   * What happens to the data when the period ends.
   */
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
  /**
   * The legal safeguard the policy states for the transfer (GDPR Chapter V).
   */
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
  id: Id;
  renamedFrom?: Id;
  label: Text;
  provider: Text;
  receives?: TextList;
  categories: References;
  /**
   * The permitted uses of the data received.
   *
   * @minItems 1
   */
  uses: [
    {
      label: Text;
      purpose?: Id;
    },
    ...{
      label: Text;
      purpose?: Id;
    }[]
  ];
  /**
   * What happens when the person disconnects the integration.
   */
  onDisconnect: {
    /**
     * Whether access to the provider's data stops when disconnected.
     */
    access: 'stops' | 'continues' | 'unstated';
    /**
     * What happens to the data already received.
     */
    deletion: {
      /**
       * Deleted, anonymised, or either.
       */
      action: 'delete' | 'anonymize' | 'delete-or-anonymize';
      /**
       * The deadline after disconnecting, or `unstated` when the policy gives none.
       */
      within: IsoDuration | Unstated;
      withinText?: Text;
      exceptions?: TextList;
    };
  };
  /**
   * The policy commits not to sell or transfer this data.
   */
  noSale?: boolean;
  disclosureExceptions?: TextList;
  endorsement?: Text;
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
  jurisdictions: TextList;
  /**
   * Each right as the policy lists it, with the kinds of right it is.
   */
  granted: {
    id: Id;
    label: Text;
    /**
     * Which kinds of right this is; one sentence may grant several.
     *
     * @minItems 1
     */
    kinds: [RightKind, ...RightKind[]];
  }[];
  /**
   * The web address where users can ask for their data to be deleted, as the policy states it (Google Play asks for one). `unstated` when the text gives none.
   */
  deletionRequestUrl?: Text | Unstated;
}
/**
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "children".
 */
export interface Children {
  /**
   * The age below which the service is not meant to be used, as the policy states it.
   */
  minimumAge: number;
  /**
   * Whether the policy says the company knowingly collects children's data.
   */
  knowinglyCollects?: boolean;
  onDiscovery?: Text;
}
/**
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "contact".
 */
export interface Contact {
  topics?: TextList;
  /**
   * Each way to reach the company: an email address, a web page, a postal address, a phone number or a form.
   */
  channels: {
    /**
     * The kind of channel.
     */
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
  /**
   * Whether the policy guarantees security (most say no method is 100% secure: false).
   */
  guaranteed?: boolean;
  /**
   * Whether the policy says all data is encrypted in transit (Google Play's Data safety asks). `unstated` when the text does not say.
   */
  encryptedInTransit?: boolean | Unstated;
}
/**
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "thirdPartyLinks".
 */
export interface ThirdPartyLinks {
  /**
   * Whether the service links to sites of others.
   */
  present: boolean;
  /**
   * Whether the policy accepts or disclaims responsibility for those sites.
   */
  responsibility?: 'disclaimed' | 'accepted';
}
/**
 * How the policy says it announces changes.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "changes".
 */
export interface Changes {
  /**
   * Where changes are announced.
   */
  channels: ('in-service' | 'email' | 'website')[];
  condition?: Text;
  /**
   * How the policy says people accept a new version.
   */
  acceptance?: 'continued-use' | 'explicit' | 'unstated';
}
/**
 * The content of one ```yaml policy``` block. Lists from several blocks are concatenated; single objects may be declared once.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "declarationBlock".
 */
export interface DeclarationBlock {
  /**
   * Kinds of personal data the policy says are collected.
   */
  categories?: Category[];
  /**
   * What the data is used for, each with its legal basis and the categories it uses.
   */
  purposes?: Purpose[];
  /**
   * Who the data is shared with, for which purposes, and when.
   */
  recipients?: Recipient[];
  /**
   * How long each category is kept, and what happens afterwards.
   */
  retention?: RetentionRule[];
  /**
   * Transfers of data to other countries and their safeguards.
   */
  transfers?: Transfer[];
  /**
   * Third-party integrations (e.g. a connected account) and the terms for their data.
   */
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
  id: Id;
  /**
   * A BCP 47 language tag such as de or fr-CH.
   */
  locale: string;
  title: Text;
  translates: SemVer;
}
/**
 * A ```yaml policy-labels``` block in a translation: declared ids and their labels in the translation's language.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "labelsBlock".
 */
export interface LabelsBlock {
  /**
   * Labels of the categories declared in policy.md, in this language: `id: label`.
   */
  categories?: {
    [k: string]: Text | undefined;
  };
  /**
   * Labels of the purposes declared in policy.md, in this language: `id: label`.
   */
  purposes?: {
    [k: string]: Text | undefined;
  };
  /**
   * Labels of the recipients declared in policy.md, in this language: `id: label`.
   */
  recipients?: {
    [k: string]: Text | undefined;
  };
  /**
   * Labels of the integrations declared in policy.md, in this language: `id: label`.
   */
  integrations?: {
    [k: string]: Text | undefined;
  };
  /**
   * Labels of the rights declared in policy.md, in this language: `id: label`.
   */
  rights?: {
    [k: string]: Text | undefined;
  };
}
