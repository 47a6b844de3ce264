/**
 * A permanent kebab-case identifier, e.g. `contact-details`. Ids are used in code and links: never rename a published one.
 */
export type Id = string;
/**
 * A semantic version such as 1.0.0.
 */
export type SemVer = string;
/**
 * A calendar date, YYYY-MM-DD.
 */
export type CalendarDate = string;
/**
 * An ISO 8601 duration such as P30D, P6M or P2Y.
 */
export type IsoDuration = string;
/**
 * A W3C Data Privacy Vocabulary term (prefixed).
 */
export type Dpv = string;
/**
 * A legal basis under GDPR Art. 6(1).
 */
export type LegalBasis = 'consent' | 'contract' | 'legal-obligation' | 'vital-interests' | 'public-task' | 'legitimate-interests' | 'unstated';
/**
 * The recipient's role for the data it receives.
 */
export type RecipientRole = 'processor' | 'independent-controller' | 'public-authority' | 'affiliate' | 'acquirer' | 'unstated';
/**
 * The technologies named, e.g. [cookies, web beacons].
 *
 * Items: Text in the policy's own words.
 */
export type TextList = string[];
/**
 * What they are used for, in the policy's words.
 *
 * Items: Text in the policy's own words.
 */
export type TextList1 = string[];
/**
 * The categories they collect: `all`, or a list of category ids.
 */
export type References = 'all' | IdList;
/**
 * A list of declared ids.
 */
export type IdList = Id[];
/**
 * How people can control them, in the policy's words (e.g. browser settings).
 *
 * Items: Text in the policy's own words.
 */
export type TextList2 = string[];
/**
 * What people may contact the company about, in the policy's words.
 *
 * Items: Text in the policy's own words.
 */
export type TextList3 = string[];
/**
 * The compiled rules of one policy version (`rules.json`): every reference resolved, `all` expanded, retention resolved per category. For services in any language. Serialised as canonical JSON (RFC 8785); its SHA-256 is the version's rules hash.
 */
export interface CompiledRules {
    /**
     * The rules format version.
     */
    format: 1;
    policy: Id;
    version: SemVer;
    effective: CalendarDate;
    updated: CalendarDate;
    locale: string;
    controller: Controller;
    noticePeriod: {
        duration: IsoDuration;
        /**
         * False when the policy states none and the default applies.
         */
        stated: boolean;
    };
    /**
     * SHA-256 of the policy file this was compiled from.
     */
    sourceHash: string;
    categories: {
        [k: string]: CompiledCategory | undefined;
    };
    purposes: {
        [k: string]: CompiledPurpose | undefined;
    };
    recipients: {
        [k: string]: CompiledRecipient | undefined;
    };
    /**
     * The retention rules that apply to each category: rules naming it, else rules for `all`.
     */
    retention: {
        [k: string]: CompiledRetention[] | undefined;
    };
    transfers: CompiledTransfer[];
    integrations: {
        [k: string]: CompiledIntegration | undefined;
    };
    rights: {
        jurisdictions: string[];
        granted: {
            [k: string]: CompiledRight | undefined;
        };
    };
    minimumAge?: number | null;
    cookies?: Cookies | null;
    contact?: Contact | null;
    changes?: Changes | null;
    /**
     * JSON Pointers (into this document) of the facts the policy does not state.
     */
    unstated: string[];
}
/**
 * The company responsible for the processing.
 */
export interface Controller {
    /**
     * The company's name as the policy states it.
     */
    name: string;
    /**
     * The website the policy names for the service.
     */
    website?: string;
    /**
     * The postal address the policy states, if any.
     */
    address?: string;
}
export interface CompiledCategory {
    label: string;
    examples: string[];
    source: 'unstated' | ('provided' | 'automatic' | 'third-party')[];
    from: string[];
    special: boolean;
    dpv?: Dpv;
}
export interface CompiledPurpose {
    label: string;
    basis: LegalBasis;
    interest?: string;
    categories: string[];
    dpv?: Dpv;
}
export interface CompiledRecipient {
    label: string;
    role: RecipientRole;
    examples: string[];
    categories: string[];
    purposes: string[];
    condition?: string;
    dpv?: Dpv;
}
/**
 * One retention rule: `period` from collection, until an `event` then a period, or `criteria` with no fixed period.
 */
export interface CompiledRetention {
    kind: 'period' | 'event' | 'criteria' | 'none';
    period?: IsoDuration;
    event?: string;
    then?: IsoDuration;
    criteria?: string[];
    afterwards?: 'delete' | 'anonymize' | 'delete-or-anonymize';
    exceptions?: string[];
}
export interface CompiledTransfer {
    destinations: 'unstated' | string[];
    categories: string[];
    reasons: string[];
    safeguard: string;
    condition?: string;
}
export interface CompiledIntegration {
    label: string;
    provider: string;
    receives: string[];
    categories: string[];
    uses: {
        label: string;
        purpose?: string;
    }[];
    onDisconnect: {
        access: 'stops' | 'continues' | 'unstated';
        deletion: {
            action: 'delete' | 'anonymize' | 'delete-or-anonymize';
            within: string;
            withinText?: string;
            exceptions: string[];
        };
    };
    noSale: boolean;
    disclosureExceptions: string[];
    endorsement?: string;
}
export interface CompiledRight {
    label: string;
    /**
     * Items: A kind of data-protection right.
     */
    kinds: ('access' | 'rectification' | 'erasure' | 'restriction' | 'objection' | 'portability' | 'withdraw-consent' | 'complaint' | 'opt-out-of-sale' | 'non-discrimination' | 'automated-decisions')[];
}
export interface Cookies {
    technologies: TextList;
    purposes: TextList1;
    categories?: References;
    controls?: TextList2;
    /**
     * Text in the policy's own words.
     */
    consequences?: string;
}
export interface Contact {
    topics?: TextList3;
    /**
     * Each way to reach the company: an email address, a web page, a postal address, a phone number or a form.
     */
    channels: {
        /**
         * The kind of channel.
         */
        type: 'email' | 'url' | 'postal' | 'phone' | 'form';
        /**
         * Text in the policy's own words.
         */
        value: string;
    }[];
}
/**
 * How the policy says it announces changes.
 */
export interface Changes {
    /**
     * Where changes are announced.
     */
    channels: ('in-service' | 'email' | 'website')[];
    /**
     * Text in the policy's own words.
     */
    condition?: string;
    /**
     * How the policy says people accept a new version.
     */
    acceptance?: 'continued-use' | 'explicit' | 'unstated';
}
