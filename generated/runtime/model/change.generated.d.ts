/**
 * One change to the declarations between two versions of a policy, classified: is it material, does it widen or narrow processing, what must users be told or asked, and who is concerned.
 */
export interface ClassifiedChange {
    /**
     * What kind of declaration changed.
     */
    kind: 'meta' | 'category' | 'purpose' | 'recipient' | 'retention' | 'transfer' | 'integration' | 'rights' | 'children' | 'cookies' | 'contact' | 'security' | 'third-party-links' | 'changes';
    /**
     * How it changed: an item or value added or removed, an id renamed, a value changed, a quantity (a period, an age) increased or decreased, a fact the policy did not state now stated, or a stated fact now left unstated.
     */
    change: 'added' | 'removed' | 'renamed' | 'changed' | 'increased' | 'decreased' | 'stated' | 'unstated';
    /**
     * Where in the policy schema the change is, e.g. declarations.purposes[].basis: the key of the rule that classified it.
     */
    path: string;
    /**
     * The id (or, for unnamed declarations, a short name) of what changed.
     */
    subject: string;
    /**
     * For a change inside a declaration: the field, e.g. basis or categories.
     */
    field?: string;
    /**
     * The old value (JSON), when there was one.
     */
    before?: unknown;
    /**
     * The new value (JSON), when there is one.
     */
    after?: unknown;
    material: boolean;
    /**
     * Whether processing becomes wider (more data, uses, recipients, time) or narrower.
     */
    direction: 'widens' | 'narrows' | 'neutral';
    /**
     * What users must be given: nothing; information (no deadline); notice before the effective date; a request for consent before the effective date; or a request for explicit consent (special categories of data, children) before the effective date.
     */
    action: 'none' | 'inform' | 'notice' | 'reconsent' | 'explicit-consent';
    /**
     * The smallest semver bump this change requires.
     */
    bump: 'major' | 'minor' | 'patch';
    /**
     * For a new declared item: the declarations that reach it, by id or through `all` (e.g. purposes/analytics). They are consequences of this change, not changes of their own.
     */
    reachedBy?: string[];
    /**
     * For re-consent: the consent-based purposes users must consent to again.
     */
    purposes?: string[];
    audience: Audience;
    /**
     * One plain-language line saying what changed.
     */
    reason: string;
    /**
     * Why the change is classified so, in plain words: the rule table's reason.
     */
    legalReason: string;
}
/**
 * Who a change concerns: everyone, the users of one integration, or the users in one jurisdiction.
 */
export interface Audience {
    scope: 'everyone' | 'integration' | 'jurisdiction';
    integration?: string;
    jurisdiction?: string;
}
